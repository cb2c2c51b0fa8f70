/* gk-scale.c — axis math for charts: nice ticks, tick labels, year axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gk-scale.h"

/* Slack for floating-point noise when a value sits exactly on a tick:
 * 0.3 / 0.1 is 2.9999999999999996, which must count as 3. */
#define TICK_EPSILON 1e-9

/* The most decimals a label prints; report figures have two at most. */
#define MAX_DECIMALS 6

/**
 * gk_scale_nice_step:
 * @raw_step: the step that would divide the range evenly, > 0
 * @mantissa_out: (out) (optional): 1, 2 or 5
 * @exponent_out: (out) (optional): the power of ten
 *
 * Rounds @raw_step up to the nearest 1, 2 or 5 × 10^k, the steps a reader
 * can count along. A non-positive or non-finite @raw_step gives 1.
 *
 * Returns: the nice step, >= @raw_step
 */
double
gk_scale_nice_step (double  raw_step,
                    int    *mantissa_out,
                    int    *exponent_out)
{
  int exponent = 0;
  int mantissa = 1;

  if (isfinite (raw_step) && raw_step > 0)
    {
      double fraction;

      exponent = (int) floor (log10 (raw_step));
      fraction = raw_step / pow (10, exponent);
      if (fraction <= 1 + TICK_EPSILON)
        mantissa = 1;
      else if (fraction <= 2 + TICK_EPSILON)
        mantissa = 2;
      else if (fraction <= 5 + TICK_EPSILON)
        mantissa = 5;
      else
        {
          mantissa = 1;
          exponent++;
        }
    }

  if (mantissa_out != NULL)
    *mantissa_out = mantissa;
  if (exponent_out != NULL)
    *exponent_out = exponent;
  return mantissa * pow (10, exponent);
}

/**
 * gk_scale_range_add:
 * @lo: (inout): the range so far; start with NAN
 * @hi: (inout): the range so far; start with NAN
 * @value: a value to take in; NAN and ±inf are ignored
 *
 * Grows [@lo, @hi] to take in @value. Start both at NAN: they stay NAN until
 * a finite value arrives.
 */
void
gk_scale_range_add (double *lo,
                    double *hi,
                    double  value)
{
  if (!isfinite (value))
    return;
  if (isnan (*lo) || value < *lo)
    *lo = value;
  if (isnan (*hi) || value > *hi)
    *hi = value;
}

/* count × mantissa × 10^exponent, dividing by an exact power of ten for
 * fractional steps so 3 × 0.1 comes out as 0.3, not 0.30000000000000004. */
static double
steps_to_value (double count,
                int    mantissa,
                int    exponent)
{
  if (exponent < 0)
    return count * mantissa / pow (10, -exponent);
  return count * mantissa * pow (10, exponent);
}

static void
ticks_fill (GkScaleTicks *ticks,
            int           mantissa,
            int           exponent,
            double        first_count,
            double        last_count)
{
  ticks->mantissa = mantissa;
  ticks->exponent = exponent;
  ticks->step = steps_to_value (1, mantissa, exponent);
  ticks->decimals = MAX (0, -exponent);
  ticks->n_ticks = (guint) (last_count - first_count) + 1;
  ticks->min = steps_to_value (first_count, mantissa, exponent);
  ticks->max = steps_to_value (last_count, mantissa, exponent);
}

/**
 * gk_scale_linear_ticks:
 * @lo: the smallest value to show; NAN or ±inf if unknown
 * @hi: the largest value to show; NAN or ±inf if unknown
 * @max_ticks: how many ticks fit at most (>= 2; fewer is treated as 2)
 * @flags: %GK_SCALE_INCLUDE_ZERO to stretch the axis to 0
 * @ticks: (out caller-allocates): the result
 *
 * Chooses a step of 1, 2 or 5 × 10^k and an axis [min, max] on multiples of
 * it that covers [@lo, @hi] with at most @max_ticks ticks, as few steps as
 * that allows. @lo and @hi may come in either order. A range of one value
 * widens around it (or to [0, 1] for 0), so the axis never has zero height.
 *
 * Returns: %FALSE if neither @lo nor @hi is finite (nothing to show); @ticks
 *   then holds the axis [0, 1] so a caller can still draw an empty frame
 */
gboolean
gk_scale_linear_ticks (double        lo,
                       double        hi,
                       guint         max_ticks,
                       GkScaleFlags  flags,
                       GkScaleTicks *ticks)
{
  gboolean have_data = TRUE;
  double raw_step;

  g_return_val_if_fail (ticks != NULL, FALSE);

  if (!isfinite (lo) && !isfinite (hi))
    {
      lo = 0;
      hi = 1;
      have_data = FALSE;
    }
  else if (!isfinite (lo))
    lo = hi;
  else if (!isfinite (hi))
    hi = lo;

  if (lo > hi)
    {
      double swap = lo;
      lo = hi;
      hi = swap;
    }

  if (flags & GK_SCALE_INCLUDE_ZERO)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }

  /* One value: give it room on both sides, without crossing zero. */
  if (lo == hi && lo == 0)
    hi = 1;
  else if (lo == hi)
    {
      double margin = fabs (lo) * 0.1;

      lo -= margin;
      hi += margin;
    }

  /* A span beyond the range of doubles cannot be divided into ticks. */
  if (!isfinite (hi - lo))
    {
      ticks_fill (ticks, 1, 0, 0, 1);
      return FALSE;
    }

  max_ticks = MAX (max_ticks, 2);
  raw_step = (hi - lo) / (max_ticks - 1);

  /* Rounding the ends out to whole steps can add a tick; then take the next
   * nice step. Each round grows the step, so a few rounds always suffice. */
  for (guint round = 0; round < 8; round++)
    {
      int mantissa, exponent;
      double step = gk_scale_nice_step (raw_step, &mantissa, &exponent);
      double first = floor (lo / step + TICK_EPSILON);
      double last = ceil (hi / step - TICK_EPSILON);

      if (last <= first)
        last = first + 1;
      if (last - first + 1 <= max_ticks || round == 7)
        {
          ticks_fill (ticks, mantissa, exponent, first, last);
          return have_data;
        }
      raw_step = step * 1.5;
    }

  g_assert_not_reached ();
}

/**
 * gk_scale_ticks_value:
 * @ticks: the ticks
 * @index: a tick, 0 for the bottom
 *
 * Computed as a whole number of steps, so tick 3 of a 0.1 step is exactly
 * 0.3, the value its label shows.
 *
 * Returns: the value at tick @index
 */
double
gk_scale_ticks_value (const GkScaleTicks *ticks,
                      guint               index)
{
  g_return_val_if_fail (ticks != NULL, NAN);

  return steps_to_value (round (ticks->min / ticks->step) + index, ticks->mantissa, ticks->exponent);
}

/**
 * gk_scale_ticks_map:
 * @ticks: the ticks
 * @value: a value
 * @pixel_at_min: where the axis minimum is drawn
 * @pixel_at_max: where the axis maximum is drawn (smaller than
 *   @pixel_at_min for a y axis that grows upwards)
 *
 * Returns: where @value is drawn; values outside the axis map outside
 *   [@pixel_at_min, @pixel_at_max]
 */
double
gk_scale_ticks_map (const GkScaleTicks *ticks,
                    double              value,
                    double              pixel_at_min,
                    double              pixel_at_max)
{
  g_return_val_if_fail (ticks != NULL, NAN);

  if (ticks->max == ticks->min)
    return pixel_at_min;
  return pixel_at_min + (value - ticks->min) / (ticks->max - ticks->min) * (pixel_at_max - pixel_at_min);
}

static char *
group_thousands (const char *number)
{
  GString *out = g_string_new (NULL);
  const char *digits = number;
  const char *end;
  gsize n_digits;

  if (*digits == '-')
    g_string_append_c (out, *digits++);
  end = digits + strspn (digits, "0123456789");
  n_digits = end - digits;
  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, end);
  return g_string_free (out, FALSE);
}

/**
 * gk_scale_format_value:
 * @value: a value
 * @decimals: digits after the point, or %GK_SCALE_DECIMALS_AUTO for as many
 *   as @value needs (up to 6): 23 → "23", 0.5 → "0.5", 75394432.52 →
 *   "75394432.52"
 * @flags: %GK_SCALE_FORMAT_THOUSANDS to group digits: "75,394,432.52"
 *
 * Formats a number the same way in every locale (a point for decimals, a
 * comma to group), which is how the reports themselves print figures. A
 * value that rounds to zero prints as "0", never "-0".
 *
 * Returns: (transfer full): the text; "—" for NAN and ±inf
 */
char *
gk_scale_format_value (double             value,
                       int                decimals,
                       GkScaleFormatFlags flags)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 320];
  char format[16];
  gboolean trim = decimals < 0;

  if (!isfinite (value))
    return g_strdup ("—");

  decimals = trim ? MAX_DECIMALS : MIN (decimals, 17);
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);

  if (trim && strchr (buffer, '.') != NULL)
    {
      char *last = buffer + strlen (buffer) - 1;

      while (*last == '0')
        *last-- = '\0';
      if (*last == '.')
        *last = '\0';
    }

  /* "-0" or "-0.00": the sign of a value too small to show. */
  if (buffer[0] == '-' && strspn (buffer + 1, "0.") == strlen (buffer + 1))
    memmove (buffer, buffer + 1, strlen (buffer));

  if (flags & GK_SCALE_FORMAT_THOUSANDS)
    return group_thousands (buffer);
  return g_strdup (buffer);
}

/**
 * gk_scale_ticks_format:
 * @ticks: the ticks
 * @index: a tick
 * @flags: formatting flags
 *
 * Labels tick @index with the decimals the step needs and no more, so all
 * labels of one axis have the same number of decimals ("0.5", "1.0", "1.5").
 *
 * Returns: (transfer full): the label
 */
char *
gk_scale_ticks_format (const GkScaleTicks *ticks,
                       guint               index,
                       GkScaleFormatFlags  flags)
{
  g_return_val_if_fail (ticks != NULL, NULL);

  return gk_scale_format_value (gk_scale_ticks_value (ticks, index), ticks->decimals, flags);
}

/**
 * gk_scale_year_step:
 * @n_years: how many years the axis spans (last - first + 1)
 * @slot_width: the width one year takes on the axis, in pixels
 * @label_width: the width of the widest year label, in pixels
 *
 * Labels every year when the labels fit side by side with a gap, else every
 * 2nd, 5th, 10th, 20th, 50th … year. The step never exceeds @n_years, so at
 * least one year of the axis is labelled (any @step consecutive years hold a
 * multiple of @step).
 *
 * Returns: the step; label the years for which gk_scale_year_is_labelled()
 *   holds
 */
guint
gk_scale_year_step (guint  n_years,
                    double slot_width,
                    double label_width)
{
  static const guint mantissas[] = { 1, 2, 5 };
  double needed = label_width * 1.25 + 4;
  guint best = 1;

  if (n_years <= 1 || slot_width <= 0)
    return 1;

  for (guint scale = 1; scale <= 1000000; scale *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
      {
        guint step = mantissas[i] * scale;

        if (step > n_years)
          return best;
        best = step;
        if (step * slot_width >= needed)
          return step;
      }
  return best;
}

/**
 * gk_scale_year_is_labelled:
 * @year: a year
 * @step: from gk_scale_year_step()
 *
 * Labels fall on multiples of the step (2010, 2015, 2020), the years a
 * reader expects, not on whichever year the data happens to start.
 *
 * Returns: whether @year gets a label
 */
gboolean
gk_scale_year_is_labelled (int   year,
                           guint step)
{
  if (step <= 1)
    return TRUE;
  return year % (int) step == 0;
}
