/* gk-scale.h — axis math for charts: nice ticks, tick labels, year axis
 *
 * Pure arithmetic, no drawing: the chart renderer asks these functions where
 * the gridlines go and what they say, and the tests check the answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The ticks of a linear axis. Tick i has the value
 * gk_scale_ticks_value (ticks, i) for i in [0, n_ticks); the first tick is
 * the axis minimum and the last one the axis maximum, so the axis always
 * starts and ends on a labelled gridline. */
typedef struct
{
  double min;       /* value of the first tick, the bottom of the axis */
  double max;       /* value of the last tick, the top of the axis */
  double step;      /* 1, 2 or 5 × 10^exponent */
  guint  n_ticks;   /* >= 2 */
  int    exponent;  /* step = mantissa × 10^exponent */
  int    mantissa;  /* 1, 2 or 5 */
  int    decimals;  /* digits after the point that labels need: max (0, -exponent) */
} GkScaleTicks;

typedef enum
{
  GK_SCALE_NONE         = 0,
  /* Stretch the axis to take in 0 (bars must start at 0; counts read more
   * honestly from 0 too). */
  GK_SCALE_INCLUDE_ZERO = 1 << 0,
} GkScaleFlags;

typedef enum
{
  GK_SCALE_FORMAT_NONE     = 0,
  /* 75394432 → "75,394,432" */
  GK_SCALE_FORMAT_THOUSANDS = 1 << 0,
} GkScaleFormatFlags;

/* Pass to gk_scale_format_value() to print just enough digits to tell the
 * value apart (up to 6 decimals), rather than a fixed number. */
#define GK_SCALE_DECIMALS_AUTO (-1)

double   gk_scale_nice_step        (double              raw_step,
                                    int                *mantissa_out,
                                    int                *exponent_out);
void     gk_scale_range_add        (double             *lo,
                                    double             *hi,
                                    double              value);
gboolean gk_scale_linear_ticks     (double              lo,
                                    double              hi,
                                    guint               max_ticks,
                                    GkScaleFlags        flags,
                                    GkScaleTicks       *ticks);
double   gk_scale_ticks_value      (const GkScaleTicks *ticks,
                                    guint               index);
double   gk_scale_ticks_map        (const GkScaleTicks *ticks,
                                    double              value,
                                    double              pixel_at_min,
                                    double              pixel_at_max);
char    *gk_scale_format_value     (double              value,
                                    int                 decimals,
                                    GkScaleFormatFlags  flags);
char    *gk_scale_ticks_format     (const GkScaleTicks *ticks,
                                    guint               index,
                                    GkScaleFormatFlags  flags);
guint    gk_scale_year_step        (guint               n_years,
                                    double              slot_width,
                                    double              label_width);
gboolean gk_scale_year_is_labelled (int                 year,
                                    guint               step);

G_END_DECLS
