/* gk-digit-split.c — split runs of run-together digits into cells, proven by identities
 *
 * The search has two levels.  First each run is split on its own, cell by
 * cell, keeping the readings that satisfy the equations lying entirely
 * within that run (a row total).  Then the runs that equations tie together
 * (a column sum) are searched as a product of those readings, one run at a
 * time, checking each equation exactly once all its runs are placed and by
 * interval bounds before that.  Runs that no equation ties together are
 * solved apart, so one hopeless run cannot hide the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-digit-split.h"

typedef struct
{
  char  **tokens;
  guint  *token_len;
  guint  *digits_from;  /* digits in tokens[t..]; n_tokens + 1 entries */
  guint   n_tokens;
  guint  *vars;
  guint   n_vars;
} GkSplitRun;

typedef struct
{
  GArray *lhs;  /* guint */
  GArray *rhs;  /* guint */
} GkSplitEquation;

struct _GkSplitProblem
{
  guint      n_vars;
  gboolean  *is_fixed;
  gint64    *fixed_value;
  gint      *run_of_var;    /* -1 when the variable is in no run */
  guint     *cell_of_var;   /* its position within that run */
  GPtrArray *runs;          /* GkSplitRun */
  GPtrArray *equations;     /* GkSplitEquation */
  guint64    n_nodes;       /* spent by the last solve */
};

/* Sums of up to 2^32 values below 10^18 overflow a gint64, so sides of an
 * equation are added up in two words. */
typedef struct
{
  guint64 hi;
  guint64 lo;
} GkWide;

/* An equation as the search sees it: fixed variables folded into the
 * constants, only variables that a run assigns left in the sums. */
typedef struct
{
  GArray *lhs;     /* guint */
  GArray *rhs;     /* guint */
  GkWide  lhs_const;
  GkWide  rhs_const;
  GArray *runs;    /* guint: the distinct runs it involves */
  guint   first_cell;  /* for an equation within one run: the span of */
  guint   last_cell;   /* its variables' positions in that run */
} GkSplitCheck;

typedef struct
{
  GkSplitProblem *problem;
  guint64         max_nodes;
  guint64         n_nodes;
  gboolean        gave_up;

  GPtrArray      *checks;      /* GkSplitCheck */
  gint64         *values;      /* the assignment being built */
  gboolean       *assigned;
  gint64         *range_min;   /* per variable, over its run's readings */
  gint64         *range_max;
  GArray        **readings;    /* per run: gint64, n_vars per reading */
  gint64         *first;       /* the first two solutions found */
  gint64         *second;
} GkSplitSolver;

/* One run being split cell by cell. */
typedef struct
{
  GkSplitSolver    *solver;
  const GkSplitRun *run;
  GPtrArray        *local;  /* GkSplitCheck within this run alone */
  guint             limit;  /* stop after this many readings */
  GArray           *out;
} GkRunWalk;

/* Runs tied together by equations, searched as a product. */
typedef struct
{
  GArray    *order;           /* guint: run indices, in search order */
  GPtrArray *checks_at_depth; /* GPtrArray of GkSplitCheck, per depth */
  guint      n_found;
} GkComponent;

static void
gk_split_run_free (GkSplitRun *run)
{
  g_strfreev (run->tokens);
  g_free (run->token_len);
  g_free (run->digits_from);
  g_free (run->vars);
  g_free (run);
}

static void
gk_split_equation_free (GkSplitEquation *equation)
{
  g_array_unref (equation->lhs);
  g_array_unref (equation->rhs);
  g_free (equation);
}

static void
gk_split_check_free (GkSplitCheck *check)
{
  g_array_unref (check->lhs);
  g_array_unref (check->rhs);
  g_array_unref (check->runs);
  g_free (check);
}

static void
gk_component_free (GkComponent *component)
{
  g_array_unref (component->order);
  g_ptr_array_unref (component->checks_at_depth);
  g_free (component);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkComponent, gk_component_free)

/**
 * gk_split_problem_new:
 * @n_vars: number of integer variables x_0 … x_{n_vars-1}, each ≥ 0
 *
 * Every variable starts free: in no run and not fixed.
 *
 * Returns: (transfer full): a new problem
 */
GkSplitProblem *
gk_split_problem_new (guint n_vars)
{
  GkSplitProblem *problem = g_new0 (GkSplitProblem, 1);

  problem->n_vars = n_vars;
  problem->is_fixed = g_new0 (gboolean, n_vars);
  problem->fixed_value = g_new0 (gint64, n_vars);
  problem->run_of_var = g_new (gint, n_vars);
  problem->cell_of_var = g_new0 (guint, n_vars);
  for (guint i = 0; i < n_vars; i++)
    problem->run_of_var[i] = -1;
  problem->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_split_run_free);
  problem->equations = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_split_equation_free);
  return problem;
}

void
gk_split_problem_free (GkSplitProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->is_fixed);
  g_free (problem->fixed_value);
  g_free (problem->run_of_var);
  g_free (problem->cell_of_var);
  g_ptr_array_unref (problem->runs);
  g_ptr_array_unref (problem->equations);
  g_free (problem);
}

static gboolean
is_digit_string (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/**
 * gk_split_problem_add_run:
 * @problem: a problem
 * @tokens: (array zero-terminated=1): the run's text already split on
 *   whitespace, each a non-empty string of ASCII digits (fold full-width
 *   digits first)
 * @vars: (array length=n_vars): the variables the run reads, in order
 * @n_vars: how many
 *
 * Declares that the digits of @tokens, read in order, are the decimal values
 * of @vars: each token gives one or more consecutive variables, tokens never
 * merge, and a value has no leading zero unless it is exactly "0" and at most
 * %GK_SPLIT_MAX_DIGITS digits.  A variable belongs to at most one run; it may
 * also be fixed, which then constrains the run.
 *
 * Returns: %TRUE when the run was added; %FALSE (after a critical warning)
 *   when the arguments break the rules above, and then nothing was added
 */
gboolean
gk_split_problem_add_run (GkSplitProblem     *problem,
                          const char * const *tokens,
                          const guint        *vars,
                          guint               n_vars)
{
  GkSplitRun *run;
  guint n_tokens;

  g_return_val_if_fail (problem != NULL, FALSE);
  g_return_val_if_fail (tokens != NULL && tokens[0] != NULL, FALSE);
  g_return_val_if_fail (vars != NULL && n_vars > 0, FALSE);

  n_tokens = g_strv_length ((char **) tokens);
  for (guint t = 0; t < n_tokens; t++)
    g_return_val_if_fail (is_digit_string (tokens[t]), FALSE);
  for (guint i = 0; i < n_vars; i++)
    {
      g_return_val_if_fail (vars[i] < problem->n_vars, FALSE);
      g_return_val_if_fail (problem->run_of_var[vars[i]] == -1, FALSE);
      for (guint j = 0; j < i; j++)
        g_return_val_if_fail (vars[j] != vars[i], FALSE);
    }

  run = g_new0 (GkSplitRun, 1);
  run->tokens = g_strdupv ((char **) tokens);
  run->n_tokens = n_tokens;
  run->token_len = g_new (guint, n_tokens);
  run->digits_from = g_new0 (guint, n_tokens + 1);
  for (guint t = 0; t < n_tokens; t++)
    run->token_len[t] = strlen (tokens[t]);
  for (guint t = n_tokens; t > 0; t--)
    run->digits_from[t - 1] = run->digits_from[t] + run->token_len[t - 1];
  run->vars = g_memdup2 (vars, n_vars * sizeof (guint));
  run->n_vars = n_vars;

  for (guint i = 0; i < n_vars; i++)
    {
      problem->run_of_var[vars[i]] = problem->runs->len;
      problem->cell_of_var[vars[i]] = i;
    }
  g_ptr_array_add (problem->runs, run);
  return TRUE;
}

/**
 * gk_split_problem_fix:
 * @problem: a problem
 * @var: a variable
 * @value: its known value, ≥ 0
 *
 * Gives @var a value read from elsewhere.  Fixing it again replaces the value.
 */
void
gk_split_problem_fix (GkSplitProblem *problem,
                      guint           var,
                      gint64          value)
{
  g_return_if_fail (problem != NULL);
  g_return_if_fail (var < problem->n_vars);
  g_return_if_fail (value >= 0);

  problem->is_fixed[var] = TRUE;
  problem->fixed_value[var] = value;
}

/**
 * gk_split_problem_add_equation:
 * @problem: a problem
 * @lhs: (array length=n_lhs): variables summed on the left
 * @n_lhs: how many
 * @rhs: (array length=n_rhs): variables summed on the right
 * @n_rhs: how many
 *
 * Requires sum(x[lhs]) = sum(x[rhs]).  A variable may appear more than once.
 * An equation that involves a free variable (in no run and not fixed)
 * constrains nothing and is skipped when solving.
 */
void
gk_split_problem_add_equation (GkSplitProblem *problem,
                               const guint    *lhs,
                               guint           n_lhs,
                               const guint    *rhs,
                               guint           n_rhs)
{
  GkSplitEquation *equation;

  g_return_if_fail (problem != NULL);
  g_return_if_fail (lhs != NULL || n_lhs == 0);
  g_return_if_fail (rhs != NULL || n_rhs == 0);
  for (guint i = 0; i < n_lhs; i++)
    g_return_if_fail (lhs[i] < problem->n_vars);
  for (guint i = 0; i < n_rhs; i++)
    g_return_if_fail (rhs[i] < problem->n_vars);

  equation = g_new0 (GkSplitEquation, 1);
  equation->lhs = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_lhs);
  equation->rhs = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rhs);
  g_array_append_vals (equation->lhs, lhs, n_lhs);
  g_array_append_vals (equation->rhs, rhs, n_rhs);
  g_ptr_array_add (problem->equations, equation);
}

/**
 * gk_split_problem_get_n_nodes:
 * @problem: a problem
 *
 * Returns: the nodes the last gk_split_problem_solve() spent
 */
guint64
gk_split_problem_get_n_nodes (GkSplitProblem *problem)
{
  g_return_val_if_fail (problem != NULL, 0);

  return problem->n_nodes;
}

const char *
gk_split_outcome_to_string (GkSplitOutcome outcome)
{
  switch (outcome)
    {
    case GK_SPLIT_NONE:
      return "none";
    case GK_SPLIT_UNIQUE:
      return "unique";
    case GK_SPLIT_AMBIGUOUS:
      return "ambiguous";
    case GK_SPLIT_GAVE_UP:
      return "gave-up";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Wide sums */

static void
wide_add (GkWide *sum,
          gint64  value)
{
  guint64 v = (guint64) value;

  sum->lo += v;
  if (sum->lo < v)
    sum->hi++;
}

static int
wide_compare (GkWide a,
              GkWide b)
{
  if (a.hi != b.hi)
    return a.hi < b.hi ? -1 : 1;
  if (a.lo != b.lo)
    return a.lo < b.lo ? -1 : 1;
  return 0;
}

/* The search */

static gboolean
solver_spend (GkSplitSolver *solver,
              guint64        n)
{
  solver->n_nodes += n;
  if (solver->n_nodes > solver->max_nodes)
    {
      solver->gave_up = TRUE;
      return FALSE;
    }
  return TRUE;
}

static void
side_bounds (const GkSplitSolver *solver,
             const GArray        *side,
             gint64               unassigned_max,
             GkWide              *low,
             GkWide              *high)
{
  for (guint i = 0; i < side->len; i++)
    {
      guint var = g_array_index (side, guint, i);

      if (solver->assigned[var])
        {
          wide_add (low, solver->values[var]);
          wide_add (high, solver->values[var]);
        }
      else
        {
          wide_add (low, solver->range_min[var]);
          wide_add (high, MIN (solver->range_max[var], unassigned_max));
        }
    }
}

/* Whether the equation can still hold, each unassigned variable being
 * anywhere in its range (and at most @unassigned_max); once every variable
 * is assigned this is exact equality. */
static gboolean
check_feasible (const GkSplitSolver *solver,
                const GkSplitCheck  *check,
                gint64               unassigned_max)
{
  GkWide lhs_low = check->lhs_const, lhs_high = check->lhs_const;
  GkWide rhs_low = check->rhs_const, rhs_high = check->rhs_const;

  side_bounds (solver, check->lhs, unassigned_max, &lhs_low, &lhs_high);
  side_bounds (solver, check->rhs, unassigned_max, &rhs_low, &rhs_high);
  return wide_compare (lhs_low, rhs_high) <= 0 && wide_compare (rhs_low, lhs_high) <= 0;
}

static gint64
largest_with_digits (guint n_digits)
{
  gint64 value = 0;

  for (guint i = 0; i < MIN (n_digits, GK_SPLIT_MAX_DIGITS); i++)
    value = value * 10 + 9;
  return value;
}

/* Tries every value of cell @cell starting at tokens[token][pos]; returns
 * FALSE to stop the whole walk (limit reached or budget spent). */
static gboolean
run_walk (GkRunWalk *walk,
          guint      cell,
          guint      token,
          guint      pos)
{
  GkSplitSolver *solver = walk->solver;
  GkSplitProblem *problem = solver->problem;
  const GkSplitRun *run = walk->run;
  const char *text;
  guint var, max_take, cells_left;
  gint64 value = 0;
  gboolean go_on = TRUE;

  if (cell == run->n_vars)
    {
      /* The counting below leaves no digit unread when the cells run out. */
      for (guint i = 0; i < run->n_vars; i++)
        g_array_append_val (walk->out, solver->values[run->vars[i]]);
      if (!solver_spend (solver, run->n_vars))
        return FALSE;
      return walk->out->len / run->n_vars < walk->limit;
    }

  text = run->tokens[token];
  var = run->vars[cell];
  cells_left = run->n_vars - cell - 1;
  max_take = text[pos] == '0' ? 1 : MIN (GK_SPLIT_MAX_DIGITS, run->token_len[token] - pos);

  for (guint take = 1; take <= max_take && go_on; take++)
    {
      gboolean token_done = pos + take == run->token_len[token];
      guint next_token = token_done ? token + 1 : token;
      guint next_pos = token_done ? 0 : pos + take;
      guint digits_left = run->digits_from[next_token] - next_pos;
      guint pieces_left = run->n_tokens - next_token;
      gboolean feasible = TRUE;
      gint64 widest;

      value = value * 10 + (text[pos + take - 1] - '0');

      /* Each remaining piece of a token needs a cell, each cell a digit. */
      if (cells_left > digits_left)
        break;
      if (cells_left < pieces_left || digits_left > (guint64) GK_SPLIT_MAX_DIGITS * cells_left)
        continue;
      if (problem->is_fixed[var] && problem->fixed_value[var] != value)
        continue;
      if (!solver_spend (solver, 1))
        return FALSE;

      solver->values[var] = value;
      solver->assigned[var] = TRUE;
      widest = cells_left > 0 ? largest_with_digits (digits_left - cells_left + 1) : 0;
      for (guint i = 0; i < walk->local->len && feasible; i++)
        {
          const GkSplitCheck *check = g_ptr_array_index (walk->local, i);

          if (check->first_cell <= cell && cell <= check->last_cell)
            feasible = check_feasible (solver, check, widest);
        }
      if (feasible)
        go_on = run_walk (walk, cell + 1, next_token, next_pos);
      solver->assigned[var] = FALSE;
    }

  return go_on;
}

/* Places run order[depth] with each of its readings in turn; returns FALSE
 * to stop (two solutions found or budget spent). */
static gboolean
component_search (GkSplitSolver *solver,
                  GkComponent   *component,
                  guint          depth)
{
  GkSplitProblem *problem = solver->problem;
  const GkSplitRun *run;
  const GArray *readings;
  GPtrArray *checks;
  guint run_index, n_readings;
  gboolean go_on = TRUE;

  if (depth == component->order->len)
    {
      gint64 *solution = component->n_found == 0 ? solver->first : solver->second;

      for (guint r = 0; r < component->order->len; r++)
        {
          run = g_ptr_array_index (problem->runs, g_array_index (component->order, guint, r));
          for (guint i = 0; i < run->n_vars; i++)
            solution[run->vars[i]] = solver->values[run->vars[i]];
        }
      component->n_found++;
      return component->n_found < 2;
    }

  run_index = g_array_index (component->order, guint, depth);
  run = g_ptr_array_index (problem->runs, run_index);
  readings = solver->readings[run_index];
  n_readings = readings->len / run->n_vars;
  checks = g_ptr_array_index (component->checks_at_depth, depth);

  for (guint r = 0; r < n_readings && go_on; r++)
    {
      const gint64 *reading = &g_array_index (readings, gint64, r * run->n_vars);
      gboolean feasible = TRUE;

      if (!solver_spend (solver, 1))
        return FALSE;
      for (guint i = 0; i < run->n_vars; i++)
        {
          solver->values[run->vars[i]] = reading[i];
          solver->assigned[run->vars[i]] = TRUE;
        }
      for (guint i = 0; i < checks->len && feasible; i++)
        feasible = check_feasible (solver, g_ptr_array_index (checks, i), G_MAXINT64);
      if (feasible)
        go_on = component_search (solver, component, depth + 1);
    }

  for (guint i = 0; i < run->n_vars; i++)
    solver->assigned[run->vars[i]] = FALSE;
  return go_on;
}

/* Preparation */

/* Folds fixed variables into constants.  Returns NULL when the equation
 * constrains nothing (it involves a free variable); sets *holds to FALSE
 * when it involves only fixed variables and fails. */
static GkSplitCheck *
check_new (GkSplitProblem        *problem,
           const GkSplitEquation *equation,
           gboolean              *holds)
{
  g_autoptr(GArray) lhs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) rhs = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *sides[2] = { lhs, rhs };
  GkWide consts[2] = { { 0, 0 }, { 0, 0 } };
  const GArray *from[2] = { equation->lhs, equation->rhs };
  GkSplitCheck *check;

  *holds = TRUE;
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < from[s]->len; i++)
      {
        guint var = g_array_index (from[s], guint, i);

        if (problem->is_fixed[var])
          wide_add (&consts[s], problem->fixed_value[var]);
        else if (problem->run_of_var[var] >= 0)
          g_array_append_val (sides[s], var);
        else
          return NULL;
      }

  if (lhs->len == 0 && rhs->len == 0)
    {
      *holds = wide_compare (consts[0], consts[1]) == 0;
      return NULL;
    }

  check = g_new0 (GkSplitCheck, 1);
  check->lhs = g_steal_pointer (&lhs);
  check->rhs = g_steal_pointer (&rhs);
  check->lhs_const = consts[0];
  check->rhs_const = consts[1];
  check->runs = g_array_new (FALSE, FALSE, sizeof (guint));
  check->first_cell = G_MAXUINT;
  check->last_cell = 0;
  for (guint s = 0; s < 2; s++)
    {
      GArray *side = s == 0 ? check->lhs : check->rhs;

      for (guint i = 0; i < side->len; i++)
        {
          guint var = g_array_index (side, guint, i);
          guint run_index = problem->run_of_var[var];
          gboolean seen = FALSE;

          for (guint r = 0; r < check->runs->len && !seen; r++)
            seen = g_array_index (check->runs, guint, r) == run_index;
          if (!seen)
            g_array_append_val (check->runs, run_index);
          check->first_cell = MIN (check->first_cell, problem->cell_of_var[var]);
          check->last_cell = MAX (check->last_cell, problem->cell_of_var[var]);
        }
    }
  return check;
}

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* Orders the component's runs so that equations become exact early: runs
 * with one reading first (they cost nothing), then the run that completes
 * the most equations, then the one with the fewest readings.  Each check
 * counts its runs still to place, so a run completes the checks waiting for
 * it alone: rescanning every check's runs at each step cost more than the
 * search on a page whose every row ran together. */
static GkComponent *
component_new (GkSplitSolver *solver,
               const GArray  *runs,
               GPtrArray     *checks)
{
  GkSplitProblem *problem = solver->problem;
  GkComponent *component = g_new0 (GkComponent, 1);
  g_autofree gboolean *placed = g_new0 (gboolean, problem->runs->len);
  g_autofree guint *position = g_new0 (guint, problem->runs->len);   /* in @runs */
  g_autofree guint *unplaced = g_new0 (guint, checks->len);          /* per check */
  g_autoptr(GPtrArray) checks_of = g_ptr_array_new_full (runs->len, (GDestroyNotify) g_array_unref);

  for (guint r = 0; r < runs->len; r++)
    {
      position[g_array_index (runs, guint, r)] = r;
      g_ptr_array_add (checks_of, g_array_new (FALSE, FALSE, sizeof (guint)));
    }
  /* a check's runs are distinct, and all in this component */
  for (guint c = 0; c < checks->len; c++)
    {
      const GkSplitCheck *check = g_ptr_array_index (checks, c);

      unplaced[c] = check->runs->len;
      for (guint k = 0; k < check->runs->len; k++)
        g_array_append_val (g_ptr_array_index (checks_of, position[g_array_index (check->runs, guint, k)]),
                            c);
    }

  component->order = g_array_new (FALSE, FALSE, sizeof (guint));
  component->checks_at_depth = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  while (component->order->len < runs->len)
    {
      guint best = G_MAXUINT, best_completed = 0, best_readings = 0;
      const GArray *best_checks;
      GPtrArray *at_depth;

      for (guint r = 0; r < runs->len; r++)
        {
          guint run_index = g_array_index (runs, guint, r);
          const GkSplitRun *run = g_ptr_array_index (problem->runs, run_index);
          const GArray *its_checks = g_ptr_array_index (checks_of, r);
          guint n_readings = solver->readings[run_index]->len / run->n_vars;
          guint completed = 0;

          if (placed[run_index])
            continue;
          for (guint i = 0; i < its_checks->len; i++)
            completed += unplaced[g_array_index (its_checks, guint, i)] == 1;
          if (n_readings <= 1)
            completed = G_MAXUINT;
          if (best == G_MAXUINT || completed > best_completed
              || (completed == best_completed && n_readings < best_readings))
            {
              best = run_index;
              best_completed = completed;
              best_readings = n_readings;
            }
        }

      placed[best] = TRUE;
      g_array_append_val (component->order, best);
      best_checks = g_ptr_array_index (checks_of, position[best]);
      at_depth = g_ptr_array_sized_new (best_checks->len);
      for (guint i = 0; i < best_checks->len; i++)
        {
          guint c = g_array_index (best_checks, guint, i);

          unplaced[c]--;
          g_ptr_array_add (at_depth, g_ptr_array_index (checks, c));
        }
      g_ptr_array_add (component->checks_at_depth, at_depth);
    }

  return component;
}

static void
solver_clear (GkSplitSolver *solver)
{
  g_clear_pointer (&solver->checks, g_ptr_array_unref);
  if (solver->readings != NULL)
    for (guint r = 0; r < solver->problem->runs->len; r++)
      g_clear_pointer (&solver->readings[r], g_array_unref);
  g_clear_pointer (&solver->readings, g_free);
  g_clear_pointer (&solver->values, g_free);
  g_clear_pointer (&solver->assigned, g_free);
  g_clear_pointer (&solver->range_min, g_free);
  g_clear_pointer (&solver->range_max, g_free);
  g_clear_pointer (&solver->first, g_free);
  g_clear_pointer (&solver->second, g_free);
}

/* Splits every run alone, keeping the readings that satisfy the equations
 * within it.  A run that no equation ties to another only needs two. */
static GkSplitOutcome
solver_read_runs (GkSplitSolver *solver,
                  const guint   *root)
{
  GkSplitProblem *problem = solver->problem;
  guint n_runs = problem->runs->len;
  g_autofree guint *component_size = g_new0 (guint, n_runs);

  for (guint r = 0; r < n_runs; r++)
    component_size[root[r]]++;

  for (guint r = 0; r < n_runs; r++)
    {
      const GkSplitRun *run = g_ptr_array_index (problem->runs, r);
      g_autoptr(GPtrArray) local = g_ptr_array_new ();
      GkRunWalk walk = { solver, run, local, component_size[root[r]] == 1 ? 2 : G_MAXUINT, NULL };

      for (guint c = 0; c < solver->checks->len; c++)
        {
          GkSplitCheck *check = g_ptr_array_index (solver->checks, c);

          if (check->runs->len == 1 && g_array_index (check->runs, guint, 0) == r)
            g_ptr_array_add (local, check);
        }

      walk.out = solver->readings[r] = g_array_new (FALSE, FALSE, sizeof (gint64));
      run_walk (&walk, 0, 0, 0);
      if (solver->gave_up)
        return GK_SPLIT_GAVE_UP;
      if (walk.out->len == 0)
        return GK_SPLIT_NONE;

      for (guint i = 0; i < run->n_vars; i++)
        {
          guint var = run->vars[i];

          solver->range_min[var] = G_MAXINT64;
          solver->range_max[var] = 0;
          for (guint k = i; k < walk.out->len; k += run->n_vars)
            {
              gint64 value = g_array_index (walk.out, gint64, k);

              solver->range_min[var] = MIN (solver->range_min[var], value);
              solver->range_max[var] = MAX (solver->range_max[var], value);
            }
        }
    }

  return GK_SPLIT_UNIQUE;
}

/**
 * gk_split_problem_solve:
 * @problem: a problem
 * @max_nodes: the budget, 0 for %GK_SPLIT_DEFAULT_MAX_NODES; a node is one
 *   tentative cell value, one stored cell value or one tentative reading of
 *   a run
 * @values: (out caller-allocates) (array) (optional): n_vars entries; on
 *   %GK_SPLIT_UNIQUE the solution, on %GK_SPLIT_AMBIGUOUS the first solution
 *   found, -1 for free variables; untouched otherwise
 * @differs: (out caller-allocates) (array) (optional): n_vars entries; on
 *   %GK_SPLIT_AMBIGUOUS, TRUE where the two solutions found differ — at
 *   least these cells are unsure, others are not thereby proven; FALSE
 *   everywhere otherwise
 *
 * Enumerates the assignments consistent with every run, every fixed value
 * and every equation that involves no free variable, stopping at two.
 *
 * Returns: the outcome
 */
GkSplitOutcome
gk_split_problem_solve (GkSplitProblem *problem,
                        guint64         max_nodes,
                        gint64         *values,
                        gboolean       *differs)
{
  GkSplitSolver solver = { 0 };
  guint n_runs, n_vars;
  g_autofree guint *root = NULL;
  GkSplitOutcome outcome = GK_SPLIT_UNIQUE;

  g_return_val_if_fail (problem != NULL, GK_SPLIT_GAVE_UP);

  n_runs = problem->runs->len;
  n_vars = problem->n_vars;
  if (differs != NULL)
    for (guint i = 0; i < n_vars; i++)
      differs[i] = FALSE;

  solver.problem = problem;
  solver.max_nodes = max_nodes > 0 ? max_nodes : GK_SPLIT_DEFAULT_MAX_NODES;
  solver.checks = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_split_check_free);
  solver.values = g_new0 (gint64, n_vars);
  solver.assigned = g_new0 (gboolean, n_vars);
  solver.range_min = g_new0 (gint64, n_vars);
  solver.range_max = g_new (gint64, n_vars);
  for (guint i = 0; i < n_vars; i++)
    solver.range_max[i] = G_MAXINT64;
  solver.readings = g_new0 (GArray *, n_runs);
  solver.first = g_new0 (gint64, n_vars);
  solver.second = g_new0 (gint64, n_vars);

  for (guint e = 0; e < problem->equations->len; e++)
    {
      gboolean holds;
      GkSplitCheck *check = check_new (problem, g_ptr_array_index (problem->equations, e), &holds);

      if (check != NULL)
        g_ptr_array_add (solver.checks, check);
      else if (!holds)
        outcome = GK_SPLIT_NONE;
    }

  /* Runs tied together by an equation form one component. */
  root = g_new (guint, MAX (n_runs, 1));
  for (guint r = 0; r < n_runs; r++)
    root[r] = r;
  for (guint c = 0; c < solver.checks->len; c++)
    {
      const GkSplitCheck *check = g_ptr_array_index (solver.checks, c);
      guint first_root = find_root (root, g_array_index (check->runs, guint, 0));

      for (guint k = 1; k < check->runs->len; k++)
        root[find_root (root, g_array_index (check->runs, guint, k))] = first_root;
    }
  for (guint r = 0; r < n_runs; r++)
    root[r] = find_root (root, r);

  if (outcome != GK_SPLIT_NONE)
    outcome = solver_read_runs (&solver, root);

  for (guint r = 0; r < n_runs && outcome != GK_SPLIT_NONE && outcome != GK_SPLIT_GAVE_UP; r++)
    {
      g_autoptr(GArray) runs = NULL;
      g_autoptr(GPtrArray) checks = NULL;
      g_autoptr(GkComponent) component = NULL;

      if (root[r] != r)
        continue;

      runs = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; k < n_runs; k++)
        if (root[k] == r)
          g_array_append_val (runs, k);
      checks = g_ptr_array_new ();
      for (guint c = 0; c < solver.checks->len; c++)
        {
          GkSplitCheck *check = g_ptr_array_index (solver.checks, c);

          if (root[g_array_index (check->runs, guint, 0)] == r)
            g_ptr_array_add (checks, check);
        }

      component = component_new (&solver, runs, checks);
      component_search (&solver, component, 0);
      if (solver.gave_up)
        outcome = GK_SPLIT_GAVE_UP;
      else if (component->n_found == 0)
        outcome = GK_SPLIT_NONE;
      else if (component->n_found == 1)
        {
          /* Unique here: the second solution of the whole agrees on it. */
          for (guint k = 0; k < runs->len; k++)
            {
              const GkSplitRun *run = g_ptr_array_index (problem->runs, g_array_index (runs, guint, k));

              for (guint i = 0; i < run->n_vars; i++)
                solver.second[run->vars[i]] = solver.first[run->vars[i]];
            }
        }
      else
        outcome = GK_SPLIT_AMBIGUOUS;
    }

  problem->n_nodes = solver.n_nodes;

  if (outcome == GK_SPLIT_UNIQUE || outcome == GK_SPLIT_AMBIGUOUS)
    for (guint i = 0; i < n_vars; i++)
      {
        gboolean in_run = problem->run_of_var[i] >= 0;

        if (values != NULL)
          values[i] = problem->is_fixed[i] ? problem->fixed_value[i] : in_run ? solver.first[i] : -1;
        if (differs != NULL && outcome == GK_SPLIT_AMBIGUOUS)
          differs[i] = in_run && solver.first[i] != solver.second[i];
      }

  solver_clear (&solver);
  return outcome;
}

/* Counting */

static guint64
saturating_add (guint64 a,
                guint64 b)
{
  guint64 sum;

  return g_uint64_checked_add (&sum, a, b) ? sum : G_MAXUINT64;
}

static guint64
saturating_mul (guint64 a,
                guint64 b)
{
  guint64 product;

  return g_uint64_checked_mul (&product, a, b) ? product : G_MAXUINT64;
}

/* ways[j] for j ≤ max_cells: splits of one token into j cells. */
static void
count_token_ways (const char *token,
                  guint       len,
                  guint       max_cells,
                  guint64    *ways)
{
  /* after[i]: ways to split token[i..] into the current number of cells */
  g_autofree guint64 *after = g_new0 (guint64, len + 1);
  g_autofree guint64 *next = g_new0 (guint64, len + 1);

  after[len] = 1;
  ways[0] = len == 0;
  for (guint j = 1; j <= max_cells; j++)
    {
      for (guint i = 0; i <= len; i++)
        {
          guint max_take = i == len ? 0 : token[i] == '0' ? 1 : MIN (GK_SPLIT_MAX_DIGITS, len - i);

          next[i] = 0;
          for (guint take = 1; take <= max_take; take++)
            next[i] = saturating_add (next[i], after[i + take]);
        }
      memcpy (after, next, (len + 1) * sizeof (guint64));
      ways[j] = after[0];
    }
}

/* Readings of @tokens as @n_cells cells; 0 when a token is too long for
 * them. */
static guint64
count_token_list (char  **tokens,
                  guint   n_cells)
{
  g_autofree guint64 *total = g_new0 (guint64, n_cells + 1);
  g_autofree guint64 *token_ways = g_new0 (guint64, n_cells + 1);
  g_autofree guint64 *sum = g_new0 (guint64, n_cells + 1);

  total[0] = 1;
  for (guint t = 0; tokens[t] != NULL; t++)
    {
      guint len = strlen (tokens[t]);

      if (len == 0)
        continue;
      /* Also keeps hostile input from costing time: no cell holds more. */
      if (len > (guint64) GK_SPLIT_MAX_DIGITS * n_cells)
        return 0;
      count_token_ways (tokens[t], len, n_cells, token_ways);
      for (guint j = 0; j <= n_cells; j++)
        {
          sum[j] = 0;
          for (guint k = 1; k <= j; k++)
            sum[j] = saturating_add (sum[j], saturating_mul (total[j - k], token_ways[k]));
        }
      memcpy (total, sum, (n_cells + 1) * sizeof (guint64));
    }

  return total[n_cells];
}

/**
 * gk_split_count_ways:
 * @text: digits, possibly in several tokens separated by ASCII whitespace
 * @n_cells: the number of cells
 *
 * Counts the readings of @text as @n_cells cells under the rules of
 * gk_split_problem_add_run(), ignoring every equation — for messages such
 * as "「640020470」 can be read 12 ways".
 *
 * Returns: the count, saturated at %G_MAXUINT64; 0 if @text holds anything
 *   but digits and whitespace
 */
guint64
gk_split_count_ways (const char *text,
                     guint       n_cells)
{
  g_auto(GStrv) tokens = NULL;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c) && !g_ascii_isspace (*c))
      return 0;

  tokens = g_strsplit_set (text, " \t\n\r\f\v", -1);
  return count_token_list (tokens, n_cells);
}

/**
 * gk_split_problem_count_ways:
 * @problem: a problem
 *
 * Counts the readings of all its runs together, ignoring every equation and
 * fixed value: the product of each run's gk_split_count_ways().  A problem
 * without runs has one reading.
 *
 * Returns: the count, saturated at %G_MAXUINT64 (never wrapped); 0 when
 *   some run cannot be read at all
 */
guint64
gk_split_problem_count_ways (GkSplitProblem *problem)
{
  guint64 ways = 1;

  g_return_val_if_fail (problem != NULL, 0);

  for (guint r = 0; r < problem->runs->len; r++)
    {
      const GkSplitRun *run = g_ptr_array_index (problem->runs, r);

      ways = saturating_mul (ways, count_token_list (run->tokens, run->n_vars));
    }
  return ways;
}
