/* gk-digit-split.h — split runs of run-together digits into cells, proven by identities
 *
 * Text copies of reports can lose the table grid and run a row's cells
 * together: 「640020470」 is really 64 0 0 2 0 4 70.  Such a run must never be
 * guessed.  This solver enumerates every reading of the runs that satisfies
 * the linear identities the caller supplies and says whether there is none,
 * exactly one (the only case a caller may offer as a suggestion), more than
 * one, or whether it gave up.  It knows nothing about the form: variables
 * are plain indices.  It recurses once per cell of a run and once per run
 * tied to others, which suits tables (tens of runs), not unbounded input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Real tables take a few hundred nodes; this many take about 60 ms. */
#define GK_SPLIT_DEFAULT_MAX_NODES G_GUINT64_CONSTANT (2000000)

/* A cell holds at most this many digits, so that every value fits a gint64. */
#define GK_SPLIT_MAX_DIGITS 18

typedef enum
{
  GK_SPLIT_NONE,       /* no reading satisfies the runs and the equations */
  GK_SPLIT_UNIQUE,     /* exactly one reading does */
  GK_SPLIT_AMBIGUOUS,  /* at least two do (the search stops at two) */
  GK_SPLIT_GAVE_UP,    /* the node budget ran out before the answer was known */
} GkSplitOutcome;

typedef struct _GkSplitProblem GkSplitProblem;

GkSplitProblem *gk_split_problem_new          (guint                n_vars);
void            gk_split_problem_free         (GkSplitProblem      *problem);

gboolean        gk_split_problem_add_run      (GkSplitProblem      *problem,
                                               const char * const  *tokens,
                                               const guint         *vars,
                                               guint                n_vars);
void            gk_split_problem_fix          (GkSplitProblem      *problem,
                                               guint                var,
                                               gint64               value);
void            gk_split_problem_add_equation (GkSplitProblem      *problem,
                                               const guint         *lhs,
                                               guint                n_lhs,
                                               const guint         *rhs,
                                               guint                n_rhs);

GkSplitOutcome  gk_split_problem_solve        (GkSplitProblem      *problem,
                                               guint64              max_nodes,
                                               gint64              *values,
                                               gboolean            *differs);
guint64         gk_split_problem_get_n_nodes  (GkSplitProblem      *problem);

const char     *gk_split_outcome_to_string    (GkSplitOutcome       outcome);

guint64         gk_split_count_ways           (const char          *text,
                                               guint                n_cells);
guint64         gk_split_problem_count_ways   (GkSplitProblem      *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkSplitProblem, gk_split_problem_free)

G_END_DECLS
