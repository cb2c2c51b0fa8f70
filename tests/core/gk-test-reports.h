/* gk-test-reports.h — synthetic annual reports for library tests and benchmarks
 *
 * Writes varied reports of many agencies over several years: Word-exported
 * HTML pages (verbose inline styles, nested spans, site chrome around the
 * article) and text copies in the two styles of the seeds (one cell per
 * line; cells ending in '|'). Each agency's figures run on from year to
 * year, so the cross-year identities hold, and every identity of a report
 * holds unless the generator breaks one on purpose. Row and column labels
 * come from the form declaration.
 *
 * Header-only, so a test and a benchmark can share it; include it once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gk-form.h"
#include "gk-text.h"

typedef enum
{
  GK_TEST_STYLE_WORD_HTML,
  GK_TEST_STYLE_TEXT_LINES,   /* one cell per line, blank lines between (seed 002) */
  GK_TEST_STYLE_TEXT_PIPES,   /* each cell ends in '|', spans add more (seed 003) */
} GkTestStyle;

typedef enum
{
  GK_TEST_ERROR_NONE,
  GK_TEST_ERROR_T4_TOTAL,     /* t4.review.total one more than its parts: t4.group_total */
  GK_TEST_ERROR_T3_ROW,       /* t3.granted.total one more: t3.row_total and t3.results */
} GkTestError;

/* What one agency's previous report said, so the next one follows on. */
typedef struct
{
  gboolean started;
  double   carried_out[6];
  double   in_force[2];       /* rules, normative (2021 form) */
  double   items[5];          /* licensing, other_services, penalty, coercion, fees (2019 form):
                               * prev_items + change of the year before */
  double   published[2];      /* rules, normative published_total (2019 form) */
} GkTestAgencyState;

typedef struct
{
  char          *agency;
  int            year;
  GkFormVersion  version;
  GkTestError    error;
  GHashTable    *values;      /* cell key → double *, as printed */
} GkTestReport;

static const char * const gk_test_provinces[] = {
  "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
  "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
  "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省",
  "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
};
static const char * const gk_test_province_offices[] = {
  "发展和改革委员会", "教育厅", "科学技术厅", "工业和信息化厅", "民政厅", "司法厅", "财政厅",
  "人力资源和社会保障厅", "自然资源厅", "生态环境厅", "住房和城乡建设厅", "交通运输厅", "水利厅",
  "农业农村厅", "商务厅", "文化和旅游厅", "卫生健康委员会", "退役军人事务厅", "应急管理厅", "审计厅",
  "市场监督管理局", "统计局", "医疗保障局", "林业和草原局", "人民政府办公厅",
};
static const char * const gk_test_cities[] = {
  "石家庄市", "太原市", "沈阳市", "长春市", "哈尔滨市", "南京市", "杭州市", "合肥市", "福州市", "南昌市",
  "济南市", "郑州市", "武汉市", "长沙市", "广州市", "南宁市", "海口市", "成都市", "贵阳市", "昆明市",
  "拉萨市", "西安市", "兰州市", "西宁市", "银川市", "乌鲁木齐市", "黄石市", "宁波市", "苏州市", "青岛市",
};
static const char * const gk_test_city_offices[] = {
  "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "民政局", "司法局", "财政局",
  "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局",
  "农业农村局", "商务局", "文化广电旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
  "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "人民政府办公室",
};

#define GK_TEST_N_AGENCIES (G_N_ELEMENTS (gk_test_provinces) * G_N_ELEMENTS (gk_test_province_offices) \
                            + G_N_ELEMENTS (gk_test_cities) * G_N_ELEMENTS (gk_test_city_offices))

/* A distinct agency for each index below GK_TEST_N_AGENCIES (1,525). */
static char *
gk_test_agency_name (guint index)
{
  guint n_provincial = G_N_ELEMENTS (gk_test_provinces) * G_N_ELEMENTS (gk_test_province_offices);

  index %= GK_TEST_N_AGENCIES;
  if (index < n_provincial)
    {
      const char *province = gk_test_provinces[index % G_N_ELEMENTS (gk_test_provinces)];
      const char *office = gk_test_province_offices[index / G_N_ELEMENTS (gk_test_provinces)];

      /* the four municipalities have bureaus, not departments */
      if (g_str_has_suffix (province, "市") && g_str_has_suffix (office, "厅")
          && !g_str_has_suffix (office, "办公厅"))
        {
          g_autofree char *stem = g_strndup (office, strlen (office) - strlen ("厅"));
          return g_strdup_printf ("%s%s局", province, stem);
        }
      return g_strdup_printf ("%s%s", province, office);
    }
  index -= n_provincial;
  return g_strdup_printf ("%s%s", gk_test_cities[index % G_N_ELEMENTS (gk_test_cities)],
                          gk_test_city_offices[index / G_N_ELEMENTS (gk_test_cities)]);
}

static void
gk_test_report_free (GkTestReport *report)
{
  g_free (report->agency);
  g_hash_table_unref (report->values);
  g_free (report);
}

static void
gk_test_set (GkTestReport *report,
             const char   *key,
             double        value)
{
  double *stored = g_new (double, 1);

  *stored = value;
  g_hash_table_insert (report->values, g_strdup (key), stored);
}

static double
gk_test_get (const GkTestReport *report,
             const char         *key)
{
  const double *value = g_hash_table_lookup (report->values, key);

  return value != NULL ? *value : 0;
}

static guint
gk_test_small (GRand *rand,
               guint  zero_percent,
               guint  max)
{
  if ((guint) g_rand_int_range (rand, 0, 100) < zero_percent)
    return 0;
  return (guint) g_rand_int_range (rand, 1, (gint) max + 1);
}

/* The figures of one report, following on from @state. */
static GkTestReport *
gk_test_report_new (const char        *agency,
                    int                year,
                    GkFormVersion      version,
                    GkTestAgencyState *state,
                    GRand             *rand)
{
  static const char * const applicants[] = { "natural", "commercial", "research", "social", "legal", "other" };
  static const char * const results_2021[] = {
    "granted", "partial", "denied_secret", "denied_law", "denied_safety", "denied_third_party",
    "denied_internal", "denied_process", "denied_enforcement", "denied_inquiry", "unable_no_info",
    "unable_create", "unable_unclear", "unprocessed_petition", "unprocessed_repeat",
    "unprocessed_publication", "unprocessed_massive", "unprocessed_confirm", "other_no_correction",
    "other_no_fee", "other_other", NULL
  };
  static const guint weights_2021[] = { 40, 12, 1, 1, 1, 2, 2, 2, 1, 1, 20, 3, 2, 3, 2, 1, 1, 1, 2, 1, 1 };
  static const char * const results_2019[] = {
    "granted", "partial", "denied_secret", "denied_law", "denied_safety", "denied_third_party",
    "denied_internal", "denied_process", "denied_enforcement", "denied_inquiry", "unable_no_info",
    "unable_create", "unable_unclear", "unprocessed_petition", "unprocessed_repeat",
    "unprocessed_publication", "unprocessed_massive", "unprocessed_confirm", "other_handling", NULL
  };
  static const guint weights_2019[] = { 40, 12, 1, 1, 1, 2, 2, 2, 1, 1, 20, 3, 2, 3, 2, 1, 1, 1, 4 };
  static const char * const t3_rows_outer[] = { "new", "carried_in", "results_total", "carried_out" };
  static const char * const t4_groups[] = { "review", "suit_direct", "suit_after_review" };
  static const char * const t4_parts[] = { "upheld", "corrected", "other", "pending" };
  const char * const *results = version == GK_FORM_2021 ? results_2021 : results_2019;
  const guint *weights = version == GK_FORM_2021 ? weights_2021 : weights_2019;
  guint n_results = g_strv_length ((char **) results), weight_sum = 0;
  GkTestReport *report = g_new0 (GkTestReport, 1);
  double row_totals[32] = { 0 }, outer_totals[4] = { 0 };

  report->agency = g_strdup (agency);
  report->year = year;
  report->version = version;
  report->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < n_results; r++)
    weight_sum += weights[r];

  /* t3, column by column */
  for (guint c = 0; c < G_N_ELEMENTS (applicants); c++)
    {
      double received = c > 0 ? (double) gk_test_small (rand, 75, 6)
                        : g_rand_int_range (rand, 0, 4) == 0 ? (double) g_rand_int_range (rand, 50, 400)
                        : (double) g_rand_int_range (rand, 0, 60);
      double carried_in = state->started ? state->carried_out[c] : gk_test_small (rand, 70, 3);
      double open = received + carried_in;
      double wanted_out = gk_test_small (rand, 70, 4);
      /* MIN evaluates its arguments twice: draw first */
      double carried_out = MIN (open, wanted_out);
      double decided = open - carried_out;
      double parts[32] = { 0 };
      g_autofree char *key = NULL;

      for (guint unit = 0; unit < (guint) decided; unit++)
        {
          guint pick = (guint) g_rand_int_range (rand, 0, (gint) weight_sum), r = 0;

          while (pick >= weights[r])
            pick -= weights[r++];
          parts[r]++;
        }
      for (guint r = 0; r < n_results; r++)
        {
          g_free (key);
          key = g_strdup_printf ("t3.%s.%s", results[r], applicants[c]);
          gk_test_set (report, key, parts[r]);
          row_totals[r] += parts[r];
        }
      {
        double outer[4] = { received, carried_in, decided, carried_out };
        for (guint o = 0; o < G_N_ELEMENTS (outer); o++)
          {
            g_free (key);
            key = g_strdup_printf ("t3.%s.%s", t3_rows_outer[o], applicants[c]);
            gk_test_set (report, key, outer[o]);
            outer_totals[o] += outer[o];
          }
      }
      state->carried_out[c] = carried_out;
    }
  for (guint r = 0; r < n_results; r++)
    {
      g_autofree char *key = g_strdup_printf ("t3.%s.total", results[r]);
      gk_test_set (report, key, row_totals[r]);
    }
  for (guint o = 0; o < G_N_ELEMENTS (t3_rows_outer); o++)
    {
      g_autofree char *key = g_strdup_printf ("t3.%s.total", t3_rows_outer[o]);
      gk_test_set (report, key, outer_totals[o]);
    }

  /* t4 */
  for (guint g = 0; g < G_N_ELEMENTS (t4_groups); g++)
    {
      double total = 0;
      g_autofree char *total_key = g_strdup_printf ("t4.%s.total", t4_groups[g]);

      for (guint p = 0; p < G_N_ELEMENTS (t4_parts); p++)
        {
          g_autofree char *key = g_strdup_printf ("t4.%s.%s", t4_groups[g], t4_parts[p]);
          double value = gk_test_small (rand, 80, 3);

          gk_test_set (report, key, value);
          total += value;
        }
      gk_test_set (report, total_key, total);
    }

  /* t2 */
  if (version == GK_FORM_2021)
    {
      static const char * const documents[] = { "rules", "normative" };

      for (guint d = 0; d < 2; d++)
        {
          double before = state->started && state->in_force[d] >= 0 ? state->in_force[d]
                                                                     : g_rand_int_range (rand, 0, 40);
          double made = gk_test_small (rand, d == 0 ? 80 : 30, d == 0 ? 2 : 12);
          double wanted_repealed = gk_test_small (rand, 60, d == 0 ? 1 : 6);
          double repealed = MIN (before, wanted_repealed);
          g_autofree char *made_key = g_strdup_printf ("t2.%s.made", documents[d]);
          g_autofree char *repealed_key = g_strdup_printf ("t2.%s.repealed", documents[d]);
          g_autofree char *in_force_key = g_strdup_printf ("t2.%s.in_force", documents[d]);

          gk_test_set (report, made_key, made);
          gk_test_set (report, repealed_key, repealed);
          gk_test_set (report, in_force_key, before + made - repealed);
          state->in_force[d] = before + made - repealed;
        }
      gk_test_set (report, "t2.licensing.decisions",
                   g_rand_int_range (rand, 0, 5) == 0 ? (double) g_rand_int_range (rand, 1000, 300000)
                                                      : (double) gk_test_small (rand, 30, 900));
      gk_test_set (report, "t2.penalty.decisions", gk_test_small (rand, 40, 300));
      gk_test_set (report, "t2.coercion.decisions", gk_test_small (rand, 70, 20));
      gk_test_set (report, "t2.fees.amount", gk_test_small (rand, 70, 400) / 4.0);
      for (guint i = 0; i < G_N_ELEMENTS (state->items); i++)
        state->items[i] = -1;
    }
  else
    {
      static const char * const documents[] = { "rules", "normative" };
      static const char * const item_rows[] = { "licensing", "other_services", "penalty", "coercion", "fees" };

      for (guint d = 0; d < 2; d++)
        {
          double made = gk_test_small (rand, 50, 10);
          double published = made > 0 ? g_rand_int_range (rand, 0, (gint) made + 1) : 0;
          double total = (state->started && state->published[d] > 0 ? state->published[d]
                                                                    : g_rand_int_range (rand, 0, 50))
                         + published;
          g_autofree char *made_key = g_strdup_printf ("t2.%s.new_made", documents[d]);
          g_autofree char *published_key = g_strdup_printf ("t2.%s.new_published", documents[d]);
          g_autofree char *total_key = g_strdup_printf ("t2.%s.published_total", documents[d]);

          gk_test_set (report, made_key, made);
          gk_test_set (report, published_key, published);
          gk_test_set (report, total_key, total);
          state->published[d] = total;
        }
      for (guint i = 0; i < G_N_ELEMENTS (item_rows); i++)
        {
          double previous = state->started && state->items[i] >= 0 ? state->items[i]
                                                                    : g_rand_int_range (rand, 0, 80);
          double change = g_rand_int_range (rand, -(gint) MIN (previous, 5), 6);
          g_autofree char *previous_key = g_strdup_printf ("t2.%s.prev_items", item_rows[i]);
          g_autofree char *change_key = g_strdup_printf ("t2.%s.change", item_rows[i]);

          gk_test_set (report, previous_key, previous);
          gk_test_set (report, change_key, change);
          if (i < 4)
            {
              g_autofree char *decisions_key = g_strdup_printf ("t2.%s.decisions", item_rows[i]);
              gk_test_set (report, decisions_key, gk_test_small (rand, 40, 400));
            }
          state->items[i] = previous + change;
        }
      gk_test_set (report, "t2.procurement.items", gk_test_small (rand, 40, 30));
      gk_test_set (report, "t2.procurement.amount", gk_test_small (rand, 40, 90000) / 4.0);
      state->in_force[0] = state->in_force[1] = -1;
    }
  state->started = TRUE;
  return report;
}

static void
gk_test_report_break (GkTestReport *report,
                      GkTestError   error)
{
  report->error = error;
  if (error == GK_TEST_ERROR_T4_TOTAL)
    gk_test_set (report, "t4.review.total", gk_test_get (report, "t4.review.total") + 1);
  else if (error == GK_TEST_ERROR_T3_ROW)
    gk_test_set (report, "t3.granted.total", gk_test_get (report, "t3.granted.total") + 1);
}

static char *
gk_test_format (const GkTestReport *report,
                const char         *key)
{
  double value = gk_test_get (report, key);

  return gk_number_format (value, value == (double) (gint64) value);
}

/* ─── Rendering ─────────────────────────────────────────────────────────── */

static const char * const gk_test_filler[] = {
  "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，"
  "严格按照《中华人民共和国政府信息公开条例》要求，坚持以公开为常态、不公开为例外，持续提升政务公开质效。",
  "围绕优化营商环境、保障和改善民生等重点领域，及时准确公开政策文件、财政预决算、重大项目、行政执法等信息，"
  "加强政策解读，通过图解、视频、问答等方式解读政策文件，做好政务舆情回应。",
  "严格执行政府信息公开申请登记、审核、办理、答复、归档等各环节工作规范，畅通依申请公开渠道，依法保障人民群众"
  "合理的信息需求。",
  "加强政府信息管理，严格落实政府信息公开保密审查制度，动态调整主动公开基本目录，规范政府信息发布流程。",
  "加强政府网站和政务新媒体建设，优化栏目设置，及时更新信息，提升政务公开平台的服务功能和用户体验。",
  "将政务公开工作纳入年度绩效考核，加强业务培训，组织开展政务公开专题培训，提高工作人员的业务水平。",
  "一是政策解读的形式还不够丰富；二是主动公开的深度和广度有待进一步拓展。下一步，我们将进一步加强政策解读，"
  "丰富解读形式，提升公开实效。",
};

static const char *
gk_test_site (const GkTestReport *report)
{
  return g_str_has_prefix (report->agency, "北京") ? "首都之窗" : "政府门户网站";
}

static char *
gk_test_prose (const GkTestReport *report)
{
  g_autofree char *received = gk_test_format (report, "t3.new.total");
  g_autofree char *granted = gk_test_format (report, "t3.granted.total");
  g_autofree char *carried = gk_test_format (report, "t3.carried_out.total");

  return g_strdup_printf ("%d年，本机关共收到政府信息公开申请%s件，其中予以公开%s件，"
                          "%s件申请结转下年度继续办理。",
                          report->year, received, granted, carried);
}

typedef void (*GkTestCellFunc) (GString    *out,
                                const char *text,
                                guint       rowspan,
                                guint       colspan);

static void
gk_test_word_cell (GString    *out,
                   const char *text,
                   guint       rowspan,
                   guint       colspan)
{
  g_string_append (out, "<td");
  if (rowspan > 1)
    g_string_append_printf (out, " rowspan=%u", rowspan);
  if (colspan > 1)
    g_string_append_printf (out, " colspan=%u", colspan);
  g_string_append_printf (out,
                          " valign=center style='width:%upt;border:solid windowtext 1.0pt;border-top:none;"
                          "mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;"
                          "padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center "
                          "style='text-align:center;mso-pagination:widow-orphan'><span "
                          "style='font-size:10.5pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体;"
                          "mso-bidi-font-family:宋体;color:black;mso-font-kerning:0pt'><font face=\"仿宋_GB2312\">%s"
                          "</font></span><span lang=EN-US style='font-size:10.5pt;font-family:宋体;"
                          "mso-bidi-font-family:宋体;color:black;mso-font-kerning:0pt'><o:p></o:p></span></p></td>\n",
                          36 * colspan, text);
}

static void
gk_test_line_cell (GString    *out,
                   const char *text,
                   guint       rowspan,
                   guint       colspan)
{
  g_string_append_printf (out, "%s%s\n\n", g_ascii_isdigit (text[0]) || text[0] == '-' ? "  " : "", text);
}

static void
gk_test_pipe_cell (GString    *out,
                   const char *text,
                   guint       rowspan,
                   guint       colspan)
{
  g_string_append_printf (out, "%s |", text);
  for (guint i = 1; i < colspan; i++)
    g_string_append_c (out, '|');
  g_string_append_c (out, '\n');
}

static void
gk_test_row_start (GString     *out,
                   GkTestStyle  style)
{
  if (style == GK_TEST_STYLE_WORD_HTML)
    g_string_append (out, "<tr style='mso-yfti-irow:1;height:20.0pt'>\n");
}

static void
gk_test_row_end (GString     *out,
                 GkTestStyle  style)
{
  if (style == GK_TEST_STYLE_WORD_HTML)
    g_string_append (out, "</tr>\n");
}

static void
gk_test_table_start (GString     *out,
                     GkTestStyle  style)
{
  if (style == GK_TEST_STYLE_WORD_HTML)
    g_string_append (out, "<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                          "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
                          "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n");
}

static void
gk_test_table_end (GString     *out,
                   GkTestStyle  style)
{
  if (style == GK_TEST_STYLE_WORD_HTML)
    g_string_append (out, "</table></div>\n");
}

static GkTestCellFunc
gk_test_cell_func (GkTestStyle style)
{
  switch (style)
    {
    case GK_TEST_STYLE_TEXT_LINES: return gk_test_line_cell;
    case GK_TEST_STYLE_TEXT_PIPES: return gk_test_pipe_cell;
    case GK_TEST_STYLE_WORD_HTML:
    default: return gk_test_word_cell;
    }
}

static void
gk_test_render_t2 (GString            *out,
                   const GkTestReport *report,
                   GkTestStyle         style)
{
  GkTestCellFunc cell = gk_test_cell_func (style);
  const GkFormTable *table = gk_form_get_table ("t2");
  const char *block = NULL;
  const GkFormColumn *columns = NULL;

  gk_test_table_start (out, style);
  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    {
      if (!gk_form_row_in_version (row, report->version))
        continue;
      if (g_strcmp0 (block, row->block) != 0 || columns != row->columns)
        {
          guint n_columns = 0;

          for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
            n_columns++;
          if (g_strcmp0 (block, row->block) != 0)
            {
              gk_test_row_start (out, style);
              cell (out, row->block, 1, 4);
              gk_test_row_end (out, style);
            }
          gk_test_row_start (out, style);
          cell (out, "信息内容", 1, 1);
          for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
            cell (out, column->label, 1, column[1].key == NULL ? 4 - n_columns : 1);
          gk_test_row_end (out, style);
          block = row->block;
          columns = row->columns;
        }
      gk_test_row_start (out, style);
      cell (out, row->label, 1, 1);
      {
        guint n_columns = 0;
        for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
          n_columns++;
        for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
          {
            g_autofree char *key = g_strdup_printf ("t2.%s.%s", row->key, column->key);
            g_autofree char *text = gk_test_format (report, key);
            cell (out, text, 1, column[1].key == NULL ? 4 - n_columns : 1);
          }
      }
      gk_test_row_end (out, style);
    }
  gk_test_table_end (out, style);
}

#define GK_TEST_RESULTS "三、本年度办理结果"

static void
gk_test_render_t3 (GString            *out,
                   const GkTestReport *report,
                   GkTestStyle         style)
{
  static const char * const legal_persons[] = { "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他" };
  static const char * const columns[] = { "natural", "commercial", "research", "social", "legal", "other", "total" };
  GkTestCellFunc cell = gk_test_cell_func (style);
  const GkFormTable *table = gk_form_get_table ("t3");
  const GkFormRow *rows[32];
  guint n_rows = 0, n_results = 0;

  for (const GkFormRow *row = table->rows; row->key != NULL; row++)
    if (gk_form_row_in_version (row, report->version))
      {
        rows[n_rows++] = row;
        n_results += row->group != NULL;
      }

  gk_test_table_start (out, style);
  gk_test_row_start (out, style);
  cell (out, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3);
  cell (out, "申请人情况", 1, 7);
  gk_test_row_end (out, style);
  gk_test_row_start (out, style);
  cell (out, "自然人", 2, 1);
  cell (out, "法人或其他组织", 1, 5);
  cell (out, "总计", 2, 1);
  gk_test_row_end (out, style);
  gk_test_row_start (out, style);
  for (guint i = 0; i < G_N_ELEMENTS (legal_persons); i++)
    cell (out, legal_persons[i], 1, 1);
  gk_test_row_end (out, style);

  for (guint r = 0; r < n_rows; r++)
    {
      const GkFormRow *row = rows[r];
      gboolean first_result = row->group != NULL && (r == 0 || rows[r - 1]->group == NULL);
      gboolean nested = row->group != NULL && !g_str_equal (row->group, GK_TEST_RESULTS);
      gboolean first_nested = nested && !g_str_equal (rows[r - 1]->group, row->group);

      gk_test_row_start (out, style);
      if (first_result)
        cell (out, GK_TEST_RESULTS, n_results, 1);
      if (first_nested)
        {
          guint span = 0;
          while (r + span < n_rows && g_strcmp0 (rows[r + span]->group, row->group) == 0)
            span++;
          cell (out, row->group, span, 1);
        }
      cell (out, row->label, 1, row->group == NULL ? 3 : nested ? 1 : 2);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *key = g_strdup_printf ("t3.%s.%s", row->key, columns[c]);
          g_autofree char *text = gk_test_format (report, key);
          cell (out, text, 1, 1);
        }
      gk_test_row_end (out, style);
    }
  gk_test_table_end (out, style);
}

static void
gk_test_render_t4 (GString            *out,
                   const GkTestReport *report,
                   GkTestStyle         style)
{
  static const char * const groups[] = { "review", "suit_direct", "suit_after_review" };
  static const char * const parts[] = { "结果维持", "结果纠正", "其他结果", "尚未审结", "总计" };
  static const char * const keys[] = { "upheld", "corrected", "other", "pending", "total" };
  GkTestCellFunc cell = gk_test_cell_func (style);

  gk_test_table_start (out, style);
  gk_test_row_start (out, style);
  cell (out, "行政复议", 1, 5);
  cell (out, "行政诉讼", 1, 10);
  gk_test_row_end (out, style);
  gk_test_row_start (out, style);
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    cell (out, parts[p], 2, 1);
  cell (out, "未经复议直接起诉", 1, 5);
  cell (out, "复议后起诉", 1, 5);
  gk_test_row_end (out, style);
  gk_test_row_start (out, style);
  for (guint g = 0; g < 2; g++)
    for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
      cell (out, parts[p], 1, 1);
  gk_test_row_end (out, style);
  gk_test_row_start (out, style);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint p = 0; p < G_N_ELEMENTS (keys); p++)
      {
        g_autofree char *key = g_strdup_printf ("t4.%s.%s", groups[g], keys[p]);
        g_autofree char *text = gk_test_format (report, key);
        cell (out, text, 1, 1);
      }
  gk_test_row_end (out, style);
  gk_test_table_end (out, style);
}

static void
gk_test_paragraph (GString     *out,
                   GkTestStyle  style,
                   const char  *text,
                   gboolean     heading)
{
  if (style != GK_TEST_STYLE_WORD_HTML)
    {
      g_string_append_printf (out, "%s\n%s", text, style == GK_TEST_STYLE_TEXT_LINES ? "\n" : "");
      return;
    }
  g_string_append_printf (out,
                          "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;"
                          "mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:%s;"
                          "mso-hansi-font-family:宋体;color:#333333'><font face=\"%s\">%s</font></span>"
                          "<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n",
                          heading ? "黑体" : "仿宋_GB2312", heading ? "黑体" : "仿宋_GB2312", text);
}

/* The page, as a saved file would hold it. */
static char *
gk_test_report_render (const GkTestReport *report,
                       GkTestStyle         style,
                       GRand              *rand)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf ("%s%d年度政府信息公开工作年度报告", report->agency, report->year);
  g_autofree char *prose = gk_test_prose (report);
  g_autofree char *date = g_strdup_printf ("%d-%02d-%02d", report->year + 1, g_rand_int_range (rand, 1, 3),
                                           g_rand_int_range (rand, 1, 29));
  const char *sections[] = {
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
  };

  if (style == GK_TEST_STYLE_WORD_HTML)
    g_string_append_printf (out,
                            "<!DOCTYPE html>\n<html xmlns:v=\"urn:schemas-microsoft-com:vml\" "
                            "xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
                            "xmlns:w=\"urn:schemas-microsoft-com:office:word\">\n<head>\n"
                            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
                            "<meta name=\"SiteName\" content=\"%s\">\n"
                            "<meta name=\"ArticleTitle\" content=\"%s\">\n"
                            "<meta name=\"PubDate\" content=\"%s 09:%02d\">\n"
                            "<meta name=\"ContentSource\" content=\"%s\">\n"
                            "<title>%s_政府信息公开年报_%s</title>\n"
                            "<link rel=\"stylesheet\" type=\"text/css\" href=\"/images/common.css\">\n"
                            "<script type=\"text/javascript\">var pageInfo = {docId: %u, channel: \"zfxxgknb\"};</script>\n"
                            "<style>p.MsoNormal, li.MsoNormal {mso-style-parent:\"\"; margin:0cm; "
                            "text-align:justify; font-size:10.5pt; font-family:\"Times New Roman\";}</style>\n"
                            "</head>\n<body lang=ZH-CN style='tab-interval:21.0pt'>\n"
                            "<div class=\"header\"><ul class=\"nav\"><li><a href=\"/\">首页</a></li>"
                            "<li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/zwgk/nb/\">政府信息公开年报</a></li>"
                            "</ul></div>\n<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; "
                            "<a href=\"/zwgk/\">政务公开</a> &gt; 政府信息公开年报</div>\n"
                            "<div class=\"article\"><h1 class=\"title\">%s</h1>\n"
                            "<div class=\"info\">发布时间：%s　来源：%s　【字体：大 中 小】</div>\n"
                            "<div class=\"content\"><div class=WordSection1 style='layout-grid:15.6pt'>\n",
                            gk_test_site (report), title, date, g_rand_int_range (rand, 0, 60), report->agency,
                            title, gk_test_site (report), g_rand_int (rand), title, date, report->agency);
  else
    g_string_append_printf (out, "%s\n%s", title, style == GK_TEST_STYLE_TEXT_LINES ? "\n" : "");

  gk_test_paragraph (out, style, "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室"
                                 "有关要求编制，所列数据的统计期限自1月1日起至12月31日止。", FALSE);
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      gk_test_paragraph (out, style, sections[s], TRUE);
      if (s == 0)
        {
          gk_test_paragraph (out, style, prose, FALSE);
          for (guint f = 0, n = g_rand_int_range (rand, 1, 4); f < n; f++)
            gk_test_paragraph (out, style, gk_test_filler[g_rand_int_range (rand, 0, G_N_ELEMENTS (gk_test_filler))],
                               FALSE);
        }
      else if (s == 1)
        gk_test_render_t2 (out, report, style);
      else if (s == 2)
        gk_test_render_t3 (out, report, style);
      else if (s == 3)
        gk_test_render_t4 (out, report, style);
      else
        gk_test_paragraph (out, style, gk_test_filler[g_rand_int_range (rand, 0, G_N_ELEMENTS (gk_test_filler))],
                           FALSE);
    }
  {
    g_autofree char *signature = g_strdup_printf ("%d年%d月%d日", report->year + 1, 1, g_rand_int_range (rand, 1, 29));
    gk_test_paragraph (out, style, report->agency, FALSE);
    gk_test_paragraph (out, style, signature, FALSE);
  }
  if (style == GK_TEST_STYLE_WORD_HTML)
    g_string_append (out, "</div></div></div>\n<div class=\"tools\">【<a href=\"javascript:window.print()\">打印本文</a>】"
                          "【<a href=\"javascript:window.close()\">关闭</a>】</div>\n"
                          "<div class=\"footer\"><p>主办单位：人民政府办公室　网站标识码：1100000001</p>"
                          "<p>京ICP备05060933号　京公网安备11010502038633号</p></div>\n</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ─── A whole set ───────────────────────────────────────────────────────── */

typedef struct
{
  guint     n_agencies;
  int       first_year;
  int       last_year;
  guint     error_percent;   /* reports with an identity broken on purpose */
  guint     text_percent;    /* reports written as text rather than HTML */
  guint     copy_percent;    /* reports also saved a second time, in the other style:
                              * possible duplicates */
  guint32   seed;
  gboolean  discard;         /* keep no GkTestReport: the returned array stays empty */
} GkTestCorpusOptions;

/* Writes the reports into @folder (agency folders of year files) and returns
 * them (GkTestReport *), in the order written; the path of each is in
 * @paths when not NULL. */
static GPtrArray *
gk_test_corpus_write (const char                *folder,
                      const GkTestCorpusOptions *options,
                      GPtrArray                 *paths,
                      GError                   **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) gk_test_report_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->seed);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", folder);
      return NULL;
    }
  for (guint a = 0; a < options->n_agencies; a++)
    {
      g_autofree char *agency = gk_test_agency_name (a);
      g_autofree char *agency_folder = g_strdup_printf ("%s/a%04u", folder, a);
      GkTestAgencyState state = { FALSE };

      if (g_mkdir_with_parents (agency_folder, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", agency_folder);
          return NULL;
        }
      for (int year = options->first_year; year <= options->last_year; year++)
        {
          GkFormVersion version = year >= 2021 ? GK_FORM_2021 : GK_FORM_2019;
          GkTestReport *report = gk_test_report_new (agency, year, version, &state, rand);
          gboolean as_text = (guint) g_rand_int_range (rand, 0, 100) < options->text_percent;
          GkTestStyle style = as_text ? (g_rand_boolean (rand) ? GK_TEST_STYLE_TEXT_LINES
                                                               : GK_TEST_STYLE_TEXT_PIPES)
                                      : GK_TEST_STYLE_WORD_HTML;
          guint copies = (guint) g_rand_int_range (rand, 0, 100) < options->copy_percent ? 2 : 1;

          if ((guint) g_rand_int_range (rand, 0, 100) < options->error_percent)
            gk_test_report_break (report, g_rand_boolean (rand) ? GK_TEST_ERROR_T4_TOTAL : GK_TEST_ERROR_T3_ROW);
          for (guint copy = 0; copy < copies; copy++)
            {
              GkTestStyle written = copy == 0 ? style : style == GK_TEST_STYLE_WORD_HTML
                                                        ? GK_TEST_STYLE_TEXT_LINES : GK_TEST_STYLE_WORD_HTML;
              g_autofree char *page = gk_test_report_render (report, written, rand);
              g_autofree char *path = g_strdup_printf ("%s/%d%s.%s", agency_folder, year, copy > 0 ? "-copy" : "",
                                                       written == GK_TEST_STYLE_WORD_HTML ? "html" : "txt");

              if (!g_file_set_contents (path, page, -1, error))
                return NULL;
              if (paths != NULL)
                g_ptr_array_add (paths, g_steal_pointer (&path));
            }
          if (options->discard)
            gk_test_report_free (report);
          else
            g_ptr_array_add (reports, report);
        }
    }
  return g_steal_pointer (&reports);
}
