/* gk-form.c — the State Council's report form, declared once as data
 *
 * The specification is FORMAT.md. Match fragments are written folded (see
 * gk_text_fold): half-width brackets, no whitespace, no quotes, simplified.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gk-form.h"
#include "gk-text.h"

#define M(...) ((const char * const []) { __VA_ARGS__, NULL })
#define V2019 GK_FORM_BIT (GK_FORM_2019)
#define V2021 GK_FORM_BIT (GK_FORM_2021)
#define VBOTH GK_FORM_BOTH

/* ─── Sections (same in both versions) ─────────────────────────────────── */

static const GkFormSection sections[] = {
  { "s1", 1, "一、总体情况", "1. Overview",
    M ("总体情况", "基本情况", "概述"), NULL },
  { "s2", 2, "二、主动公开政府信息情况", "2. Information disclosed proactively",
    M ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况"), "t2" },
  { "s3", 3, "三、收到和处理政府信息公开申请情况", "3. Applications received and handled",
    M ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "收到和处理政务信息公开申请",
       "处理政府信息公开申请情况", "依申请公开政府信息情况"), "t3" },
  { "s4", 4, "四、政府信息公开行政复议、行政诉讼情况",
    "4. Administrative reconsideration and litigation",
    M ("政府信息公开行政复议、行政诉讼情况", "行政复议、行政诉讼情况", "行政复议、提起行政诉讼情况",
       "行政法复议", "行政复议和行政诉讼情况", "行政复议、行政诉讼", "复议、诉讼情况"), "t4" },
  { "s5", 5, "五、存在的主要问题及改进情况", "5. Main problems and improvements",
    M ("存在的主要问题及改进情况", "存在的主要问题", "存在问题及改进情况", "存在问题", "主要问题",
       "改进情况", "改进措施"), NULL },
  { "s6", 6, "六、其他需要报告的事项", "6. Other matters to report",
    M ("其他需要报告的事项", "其他需要报告", "其他事项"), NULL },
};

/* ─── Table t2 — 主动公开政府信息情况 ────────────────────────────────────── */

static const GkFormColumn t2_2021_documents[] = {
  { "made", "本年制发件数", "Made this year", M ("本年制发件数", "制发件数", "制发"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { "repealed", "本年废止件数", "Repealed this year", M ("本年废止件数", "废止件数", "废止"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { "in_force", "现行有效件数", "In force", M ("现行有效件数", "现行有效"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { NULL }
};

static const GkFormColumn t2_2021_decisions[] = {
  { "decisions", "本年处理决定数量", "Decisions this year",
    M ("本年处理决定数量", "处理决定数量", "处理决定"), GK_VALUE_CLASS_COUNT, FALSE },
  { NULL }
};

static const GkFormColumn t2_2021_fees[] = {
  { "amount", "本年收费金额（单位：万元）", "Fees collected (10,000 yuan)",
    M ("本年收费金额", "收费金额"), GK_VALUE_CLASS_AMOUNT, FALSE },
  { NULL }
};

static const GkFormColumn t2_2019_documents[] = {
  { "new_made", "本年新制作数量", "Newly made", M ("本年新制作数量", "新制作数量", "新制作"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { "new_published", "本年新公开数量", "Newly published", M ("本年新公开数量", "新公开数量", "新公开"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { "published_total", "对外公开总数量", "Published in total",
    M ("对外公开总数量", "公开总数量", "公开总数"), GK_VALUE_CLASS_COUNT, FALSE },
  { NULL }
};

static const GkFormColumn t2_2019_items[] = {
  { "prev_items", "上一年项目数量", "Items the year before", M ("上一年项目数量", "上一年项目", "上年项目"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { "change", "本年增/减", "Change this year", M ("本年增/减", "增/减", "增减"),
    GK_VALUE_CLASS_CHANGE, FALSE },
  { "decisions", "处理决定数量", "Decisions", M ("处理决定数量", "处理决定"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { NULL }
};

static const GkFormColumn t2_2019_fees[] = {
  { "prev_items", "上一年项目数量", "Items the year before", M ("上一年项目数量", "上一年项目", "上年项目"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { "change", "本年增/减", "Change this year", M ("本年增/减", "增/减", "增减"),
    GK_VALUE_CLASS_CHANGE, FALSE },
  { NULL }
};

static const GkFormColumn t2_2019_procurement[] = {
  { "items", "采购项目数量", "Procurement items", M ("采购项目数量", "采购项目"),
    GK_VALUE_CLASS_COUNT, FALSE },
  { "amount", "采购总金额", "Procurement amount", M ("采购总金额", "采购金额", "总金额"),
    GK_VALUE_CLASS_AMOUNT, FALSE },
  { NULL }
};

static const GkFormRow t2_rows[] = {
  /* 2021 */
  { "rules", "规章", "Rules", NULL, "第二十条第（一）项", M ("规章"), V2021, t2_2021_documents },
  { "normative", "行政规范性文件", "Normative documents", NULL, "第二十条第（一）项",
    M ("行政规范性文件", "规范性文件"), V2021, t2_2021_documents },
  { "licensing", "行政许可", "Administrative licensing", NULL, "第二十条第（五）项",
    M ("行政许可"), V2021, t2_2021_decisions },
  { "penalty", "行政处罚", "Administrative penalties", NULL, "第二十条第（六）项",
    M ("行政处罚"), V2021, t2_2021_decisions },
  { "coercion", "行政强制", "Administrative coercion", NULL, "第二十条第（六）项",
    M ("行政强制"), V2021, t2_2021_decisions },
  { "fees", "行政事业性收费", "Administrative fees", NULL, "第二十条第（八）项",
    M ("行政事业性收费", "事业性收费"), V2021, t2_2021_fees },
  /* 2019 */
  { "rules", "规章", "Rules", NULL, "第二十条第（一）项", M ("规章"), V2019, t2_2019_documents },
  { "normative", "规范性文件", "Normative documents", NULL, "第二十条第（一）项",
    M ("规范性文件"), V2019, t2_2019_documents },
  { "licensing", "行政许可", "Administrative licensing", NULL, "第二十条第（五）项",
    M ("行政许可"), V2019, t2_2019_items },
  { "other_services", "其他对外管理服务事项", "Other external services", NULL, "第二十条第（五）项",
    M ("其他对外管理服务事项", "对外管理服务事项", "对外管理服务"), V2019, t2_2019_items },
  { "penalty", "行政处罚", "Administrative penalties", NULL, "第二十条第（六）项",
    M ("行政处罚"), V2019, t2_2019_items },
  { "coercion", "行政强制", "Administrative coercion", NULL, "第二十条第（六）项",
    M ("行政强制"), V2019, t2_2019_items },
  { "fees", "行政事业性收费", "Administrative fees", NULL, "第二十条第（八）项",
    M ("行政事业性收费", "事业性收费"), V2019, t2_2019_fees },
  { "procurement", "政府集中采购", "Government procurement", NULL, "第二十条第（九）项",
    M ("政府集中采购", "集中采购"), V2019, t2_2019_procurement },
  { NULL }
};

/* ─── Table t3 — 收到和处理政府信息公开申请情况 ──────────────────────────── */

#define APPLICANTS "申请人情况"
#define LEGAL_PERSONS "法人或其他组织"

static const GkFormColumn t3_columns[] = {
  { "natural", "自然人", "Natural persons", M ("自然人"), GK_VALUE_CLASS_COUNT, FALSE, APPLICANTS },
  { "commercial", "商业企业", "Businesses", M ("商业企业"), GK_VALUE_CLASS_COUNT, FALSE, LEGAL_PERSONS },
  { "research", "科研机构", "Research institutions", M ("科研机构"), GK_VALUE_CLASS_COUNT, FALSE, LEGAL_PERSONS },
  { "social", "社会公益组织", "Public-interest organisations", M ("社会公益组织", "公益组织"),
    GK_VALUE_CLASS_COUNT, FALSE, LEGAL_PERSONS },
  { "legal", "法律服务机构", "Legal service providers", M ("法律服务机构", "法律服务"),
    GK_VALUE_CLASS_COUNT, FALSE, LEGAL_PERSONS },
  { "other", "其他", "Others", M ("其他"), GK_VALUE_CLASS_COUNT, FALSE, LEGAL_PERSONS },
  { "total", "总计", "Total", M ("总计", "合计"), GK_VALUE_CLASS_COUNT, FALSE, APPLICANTS },
  /* Not on the form; some reports add it. Kept, never confused with total. */
  { "legal_subtotal", "法人或其他组织小计", "Legal persons, subtotal", M ("法人或其他组织小计", "小计"),
    GK_VALUE_CLASS_COUNT, TRUE, LEGAL_PERSONS },
  { NULL }
};

#define DENIED "（三）不予公开"
#define UNABLE "（四）无法提供"
#define UNPROCESSED "（五）不予处理"
#define OTHER_HANDLING "（六）其他处理"
#define RESULTS "三、本年度办理结果"

/* The spanning headers, as the form prints them. */
static const GkFormGroup t3_groups[] = {
  { APPLICANTS, "Applicants", NULL },
  { LEGAL_PERSONS, "Legal persons and other organisations", APPLICANTS },
  { RESULTS, "3. Results this year", NULL },
  { DENIED, "(3) Denied", RESULTS },
  { UNABLE, "(4) Unable to provide", RESULTS },
  { UNPROCESSED, "(5) Not processed", RESULTS },
  { OTHER_HANDLING, "(6) Handled otherwise", RESULTS },
  { NULL }
};

static const GkFormRow t3_rows[] = {
  { "new", "一、本年新收政府信息公开申请数量", "New applications this year", NULL, NULL,
    M ("本年新收政府信息公开申请数量", "本年新收"), VBOTH, t3_columns },
  { "carried_in", "二、上年结转政府信息公开申请数量", "Carried over from last year", NULL, NULL,
    M ("上年结转政府信息公开申请数量", "上年结转"), VBOTH, t3_columns },
  { "granted", "（一）予以公开", "Granted", RESULTS, NULL,
    M ("予以公开"), VBOTH, t3_columns },
  { "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "Partly granted",
    RESULTS, NULL, M ("部分公开"), VBOTH, t3_columns },
  { "denied_secret", "1.属于国家秘密", "Denied: state secret", DENIED, NULL,
    M ("属于国家秘密", "国家秘密"), VBOTH, t3_columns },
  { "denied_law", "2.其他法律行政法规禁止公开", "Denied: barred by other laws", DENIED, NULL,
    M ("其他法律行政法规禁止公开", "法律行政法规禁止"), VBOTH, t3_columns },
  { "denied_safety", "3.危及“三安全一稳定”", "Denied: endangers the “three securities and one stability”",
    DENIED, NULL, M ("危及三安全一稳定", "三安全一稳定"), VBOTH, t3_columns },
  { "denied_third_party", "4.保护第三方合法权益", "Denied: third-party rights", DENIED, NULL,
    M ("保护第三方合法权益", "第三方合法权益"), VBOTH, t3_columns },
  { "denied_internal", "5.属于三类内部事务信息", "Denied: internal affairs", DENIED, NULL,
    M ("属于三类内部事务信息", "内部事务信息", "内部事务"), VBOTH, t3_columns },
  { "denied_process", "6.属于四类过程性信息", "Denied: deliberative process", DENIED, NULL,
    M ("属于四类过程性信息", "过程性信息"), VBOTH, t3_columns },
  { "denied_enforcement", "7.属于行政执法案卷", "Denied: enforcement files", DENIED, NULL,
    M ("属于行政执法案卷", "行政执法案卷"), VBOTH, t3_columns },
  { "denied_inquiry", "8.属于行政查询事项", "Denied: administrative inquiry", DENIED, NULL,
    M ("属于行政查询事项", "行政查询事项"), VBOTH, t3_columns },
  { "unable_no_info", "1.本机关不掌握相关政府信息", "Unable: information not held", UNABLE, NULL,
    M ("本机关不掌握相关政府信息", "不掌握相关政府信息", "不掌握"), VBOTH, t3_columns },
  { "unable_create", "2.没有现成信息需要另行制作", "Unable: would have to be created", UNABLE, NULL,
    M ("没有现成信息需要另行制作", "需要另行制作", "另行制作"), VBOTH, t3_columns },
  { "unable_unclear", "3.补正后申请内容仍不明确", "Unable: still unclear after correction", UNABLE, NULL,
    M ("补正后申请内容仍不明确", "仍不明确"), VBOTH, t3_columns },
  { "unprocessed_petition", "1.信访举报投诉类申请", "Not processed: petitions and complaints",
    UNPROCESSED, NULL, M ("信访举报投诉类申请", "信访举报投诉"), VBOTH, t3_columns },
  { "unprocessed_repeat", "2.重复申请", "Not processed: repeated", UNPROCESSED, NULL,
    M ("重复申请"), VBOTH, t3_columns },
  { "unprocessed_publication", "3.要求提供公开出版物", "Not processed: publications", UNPROCESSED, NULL,
    M ("要求提供公开出版物", "公开出版物"), VBOTH, t3_columns },
  { "unprocessed_massive", "4.无正当理由大量反复申请", "Not processed: massive repeated",
    UNPROCESSED, NULL, M ("无正当理由大量反复申请", "大量反复申请", "大量反复"), VBOTH, t3_columns },
  { "unprocessed_confirm", "5.要求行政机关确认或重新出具已获取信息",
    "Not processed: confirm or reissue information held", UNPROCESSED, NULL,
    M ("要求行政机关确认或重新出具已获取信息", "确认或重新出具", "重新出具"), VBOTH, t3_columns },
  { "other_handling", "（六）其他处理", "Handled otherwise", RESULTS, NULL,
    M ("其他处理"), V2019, t3_columns },
  { "other_no_correction",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "Otherwise: not corrected in time", OTHER_HANDLING, NULL,
    M ("逾期不补正"), V2021, t3_columns },
  { "other_no_fee",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "Otherwise: fee not paid in time", OTHER_HANDLING, NULL,
    M ("逾期未按收费通知要求缴纳费用", "收费通知", "缴纳费用"), V2021, t3_columns },
  { "other_other", "3.其他", "Otherwise: other", OTHER_HANDLING, NULL,
    M ("3.其他", "3、其他", "3其他"), V2021, t3_columns },
  { "results_total", "（七）总计", "Results, total", RESULTS, NULL,
    M ("(七)总计", "七、总计", "(七)合计"), VBOTH, t3_columns },
  { "carried_out", "四、结转下年度继续办理", "Carried over to next year", NULL, NULL,
    M ("结转下年度继续办理", "结转下年度", "结转下年"), VBOTH, t3_columns },
  { NULL }
};

/* ─── Table t4 — 政府信息公开行政复议、行政诉讼情况 ──────────────────────── */

static const GkFormColumn t4_columns[] = {
  { "upheld", "结果维持", "Upheld", M ("结果维持", "维持"), GK_VALUE_CLASS_COUNT, FALSE },
  { "corrected", "结果纠正", "Corrected", M ("结果纠正", "纠正"), GK_VALUE_CLASS_COUNT, FALSE },
  { "other", "其他结果", "Other result", M ("其他结果"), GK_VALUE_CLASS_COUNT, FALSE },
  { "pending", "尚未审结", "Pending", M ("尚未审结", "未审结"), GK_VALUE_CLASS_COUNT, FALSE },
  { "total", "总计", "Total", M ("总计", "合计"), GK_VALUE_CLASS_COUNT, FALSE },
  { NULL }
};

#define SUITS "行政诉讼"

static const GkFormGroup t4_groups[] = {
  { SUITS, "Lawsuits", NULL },
  { NULL }
};

/* Drawn across (GK_FORM_SHAPE_ACROSS): each row heads its five columns; under
 * its group a label is printed without the group's name (未经复议直接起诉). */
static const GkFormRow t4_rows[] = {
  { "review", "行政复议", "Administrative reconsideration", NULL, NULL,
    M ("行政复议"), VBOTH, t4_columns },
  { "suit_direct", "行政诉讼·未经复议直接起诉", "Lawsuits without prior reconsideration", SUITS, NULL,
    M ("未经复议直接起诉", "直接起诉"), VBOTH, t4_columns },
  { "suit_after_review", "行政诉讼·复议后起诉", "Lawsuits after reconsideration", SUITS, NULL,
    M ("复议后起诉"), VBOTH, t4_columns },
  { NULL }
};

static const GkFormTable tables[GK_FORM_N_TABLES] = {
  { "t2", "s2", "主动公开政府信息情况", "Information disclosed proactively",
    M ("第二十条第", "信息内容"), t2_rows,
    GK_FORM_SHAPE_BLOCKS, "信息内容", "Information", NULL },
  { "t3", "s3", "收到和处理政府信息公开申请情况", "Applications received and handled",
    M ("申请人情况", "本年新收政府信息公开申请数量", "勾稽关系"), t3_rows,
    GK_FORM_SHAPE_ROWS,
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(In each column: item 1 + item 2 = item 3 + item 4)", t3_groups },
  { "t4", "s4", "政府信息公开行政复议、行政诉讼情况", "Reconsideration and litigation",
    M ("结果维持", "未经复议直接起诉", "复议后起诉"), t4_rows,
    GK_FORM_SHAPE_ACROSS, NULL, NULL, t4_groups },
};

/* ─── Identities ───────────────────────────────────────────────────────── */

#define T(cell) { cell, 1, 0 }
#define TNEG(cell) { cell, -1, 0 }
#define TPREV(cell) { cell, 1, -1 }

static const char * const t3_column_keys[] = {
  "natural", "commercial", "research", "social", "legal", "other", "total", NULL
};
static const char * const t3_row_keys[] = {
  "new", "carried_in", "granted", "partial", "denied_secret", "denied_law", "denied_safety",
  "denied_third_party", "denied_internal", "denied_process", "denied_enforcement", "denied_inquiry",
  "unable_no_info", "unable_create", "unable_unclear", "unprocessed_petition", "unprocessed_repeat",
  "unprocessed_publication", "unprocessed_massive", "unprocessed_confirm", "other_handling",
  "other_no_correction", "other_no_fee", "other_other", "results_total", "carried_out", NULL
};
static const char * const t4_group_keys[] = { "review", "suit_direct", "suit_after_review", NULL };

static const GkFormIdentity identities[] = {
  { "t3.balance", GK_SEVERITY_ERROR, t3_column_keys,
    { T ("t3.new.%s"), T ("t3.carried_in.%s") },
    { T ("t3.results_total.%s"), T ("t3.carried_out.%s") },
    VBOTH, 0,
    "第一项加第二项之和，等于第三项加第四项之和",
    "new + carried in = results total + carried out" },
  { "t3.results", GK_SEVERITY_ERROR, t3_column_keys,
    { T ("t3.results_total.%s") },
    { T ("t3.granted.%s"), T ("t3.partial.%s"),
      T ("t3.denied_secret.%s"), T ("t3.denied_law.%s"), T ("t3.denied_safety.%s"),
      T ("t3.denied_third_party.%s"), T ("t3.denied_internal.%s"), T ("t3.denied_process.%s"),
      T ("t3.denied_enforcement.%s"), T ("t3.denied_inquiry.%s"),
      T ("t3.unable_no_info.%s"), T ("t3.unable_create.%s"), T ("t3.unable_unclear.%s"),
      T ("t3.unprocessed_petition.%s"), T ("t3.unprocessed_repeat.%s"),
      T ("t3.unprocessed_publication.%s"), T ("t3.unprocessed_massive.%s"),
      T ("t3.unprocessed_confirm.%s"),
      T ("t3.other_handling.%s"),
      T ("t3.other_no_correction.%s"), T ("t3.other_no_fee.%s"), T ("t3.other_other.%s") },
    VBOTH, 0,
    "（七）总计等于（一）至（六）各项之和",
    "results total = sum of results (1) to (6)" },
  { "t3.row_total", GK_SEVERITY_ERROR, t3_row_keys,
    { T ("t3.%s.total") },
    { T ("t3.%s.natural"), T ("t3.%s.commercial"), T ("t3.%s.research"), T ("t3.%s.social"),
      T ("t3.%s.legal"), T ("t3.%s.other") },
    VBOTH, 0,
    "总计等于各类申请人之和",
    "total = sum over applicant types" },
  { "t3.subtotal", GK_SEVERITY_ERROR, t3_row_keys,
    { T ("t3.%s.legal_subtotal") },
    { T ("t3.%s.commercial"), T ("t3.%s.research"), T ("t3.%s.social"), T ("t3.%s.legal"),
      T ("t3.%s.other") },
    VBOTH, 0,
    "法人或其他组织小计等于五类组织之和",
    "legal-person subtotal = sum of the five kinds of organisation" },
  { "t4.group_total", GK_SEVERITY_ERROR, t4_group_keys,
    { T ("t4.%s.total") },
    { T ("t4.%s.upheld"), T ("t4.%s.corrected"), T ("t4.%s.other"), T ("t4.%s.pending") },
    VBOTH, 0,
    "总计等于结果维持、结果纠正、其他结果与尚未审结之和",
    "total = upheld + corrected + other + pending" },
};

static const char * const in_force_rows[] = { "rules", "normative", NULL };
static const char * const prev_items_rows[] = {
  "licensing", "other_services", "penalty", "coercion", "fees", NULL
};

static const GkFormIdentity cross_identities[] = {
  { "x.carry", GK_SEVERITY_WARNING, t3_column_keys,
    { T ("t3.carried_in.%s") },
    { TPREV ("t3.carried_out.%s") },
    VBOTH, VBOTH,
    "本年上年结转数等于上一年度结转下年度数",
    "carried in this year = carried out last year" },
  { "x.in_force", GK_SEVERITY_WARNING, in_force_rows,
    { T ("t2.%s.in_force") },
    { TPREV ("t2.%s.in_force"), T ("t2.%s.made"), TNEG ("t2.%s.repealed") },
    V2021, V2021,
    "现行有效件数等于上年现行有效件数加本年制发减本年废止",
    "in force = last year's in force + made − repealed" },
  { "x.prev_items", GK_SEVERITY_WARNING, prev_items_rows,
    { T ("t2.%s.prev_items") },
    { TPREV ("t2.%s.prev_items"), TPREV ("t2.%s.change") },
    V2019, V2019,
    "上一年项目数量等于上年报告的上一年项目数量加其本年增/减",
    "items the year before = last report's items + its change" },
};

/* ─── Prose checks: numbers stated in 一、总体情况 against the tables ───────── */

#define N "(\\d+)"
static const GkFormProseCheck prose_checks[] = {
  { "prose.received",
    "(?:共|全年|累计|本年度?)?(?:收到|受理|接到|接收|新收)[^。；;，,]{0,30}?申请[^。；;，,]{0,24}?" N "(?:件|条|个|份|宗)",
    "t3.new.total", "收到申请", "applications received" },
  { "prose.received_before",
    "(?:共|全年|累计)?(?:收到|受理|接到|接收|新收)" N "(?:件|条|个|份|宗)[^。；;]{0,12}申请",
    "t3.new.total", "收到申请", "applications received" },
  { "prose.closed",
    "办结[^。；;，,]{0,24}?" N "(?:件|条|个|份|宗)",
    "t3.results_total.total", "办结", "applications closed" },
  { "prose.granted",
    "予以公开" N "(?:件|条|个|份|宗)",
    "t3.granted.total", "予以公开", "granted" },
  { "prose.partial",
    "(?<![及和与、])部分公开" N "(?:件|条|个|份|宗)",
    "t3.partial.total", "部分公开", "partly granted" },
  { "prose.granted_or_partial",
    "予以公开(?:及|和|与|、)部分公开" N "(?:件|条|个|份|宗)",
    "t3.granted.total+t3.partial.total", "予以公开及部分公开", "granted in full or in part" },
  /* 不予公开 spans eight rows: a fact to show, with no one cell to check */
  { "prose.denied",
    "不予公开" N "(?:件|条|个|份|宗)",
    NULL, "不予公开", "denied", "t3" },
  { "prose.unable_no_info",
    "不掌握(?:相关政府信息)?" N "(?:件|条|个|份|宗)",
    "t3.unable_no_info.total", "本机关不掌握相关政府信息", "information not held" },
  { "prose.natural",
    "自然人(?:提交|提出)?(?:申请)?" N "(?:件|条|个|份|宗)",
    "t3.new.natural", "自然人申请", "applications from natural persons" },
  { "prose.carried_out",
    N "(?:件|条|个|份|宗)(?:申请)?结转下(?:一)?年",
    "t3.carried_out.total", "结转下年度", "carried over" },
  { "prose.review",
    "(?:行政复议|申请复议)" N "(?:件|起|宗)",
    "t4.review.total", "行政复议", "reconsiderations" },
};
#undef N

/* ─── Metrics the chart can draw ───────────────────────────────────────── */

static const GkFormMetric metrics[] = {
  { "applications_received", "收到申请数", "Applications received", "件", "applications",
    M ("t3.new.total"), NULL, 1, VBOTH },
  { "applications_handled", "办理结果总数", "Applications decided", "件", "applications",
    M ("t3.results_total.total"), NULL, 1, VBOTH },
  { "granted_share", "予以公开占比", "Share granted in full", "%", "%",
    M ("t3.granted.total"), M ("t3.results_total.total"), 100, VBOTH },
  { "granted_or_partial_share", "予以公开和部分公开占比", "Share granted in full or in part", "%", "%",
    M ("t3.granted.total", "t3.partial.total"), M ("t3.results_total.total"), 100, VBOTH },
  { "unable_no_info_share", "不掌握相关信息占比", "Share not held", "%", "%",
    M ("t3.unable_no_info.total"), M ("t3.results_total.total"), 100, VBOTH },
  { "carried_out", "结转下年度数", "Carried over to next year", "件", "applications",
    M ("t3.carried_out.total"), NULL, 1, VBOTH },
  { "natural_persons_share", "自然人申请占比", "Share from natural persons", "%", "%",
    M ("t3.new.natural"), M ("t3.new.total"), 100, VBOTH },
  { "reviews", "行政复议数", "Reconsiderations", "件", "cases",
    M ("t4.review.total"), NULL, 1, VBOTH },
  { "review_correction_rate", "复议纠错率", "Reconsideration correction rate", "%", "%",
    M ("t4.review.corrected"), M ("t4.review.upheld", "t4.review.corrected", "t4.review.other"),
    100, VBOTH },
  { "lawsuits", "行政诉讼数", "Lawsuits", "件", "cases",
    M ("t4.suit_direct.total", "t4.suit_after_review.total"), NULL, 1, VBOTH },
  { "licensing_decisions", "行政许可处理决定数", "Licensing decisions", "件", "decisions",
    M ("t2.licensing.decisions"), NULL, 1, VBOTH },
  { "penalty_decisions", "行政处罚处理决定数", "Penalty decisions", "件", "decisions",
    M ("t2.penalty.decisions"), NULL, 1, VBOTH },
  { "coercion_decisions", "行政强制处理决定数", "Coercion decisions", "件", "decisions",
    M ("t2.coercion.decisions"), NULL, 1, VBOTH },
  { "normative_in_force", "现行有效行政规范性文件数", "Normative documents in force", "件", "documents",
    M ("t2.normative.in_force"), NULL, 1, V2021 },
  { "normative_made", "本年制发行政规范性文件数", "Normative documents made", "件", "documents",
    M ("t2.normative.made"), NULL, 1, V2021 },
  { "fee_amount", "行政事业性收费金额", "Administrative fees collected", "万元", "10,000 yuan",
    M ("t2.fees.amount"), NULL, 1, V2021 },
};

/* ─── Layouts ──────────────────────────────────────────────────────────── */

static GkFormLayout *layouts[GK_N_FORM_VERSIONS];

const GkFormSection *
gk_form_get_sections (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

const GkFormTable *
gk_form_get_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

/* "t2", "t3" or "t4" for 0, 1 or 2. */
const char *
gk_form_table_key (guint table_index)
{
  g_return_val_if_fail (table_index < G_N_ELEMENTS (tables), NULL);
  return tables[table_index].key;
}

/* 0, 1 or 2 for "t2", "t3" or "t4"; -1 for anything else. */
int
gk_form_table_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].key, key) == 0)
      return (int) i;
  return -1;
}

const GkFormTable *
gk_form_get_table (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].key, key) == 0)
      return &tables[i];
  return NULL;
}

const GkFormGroup *
gk_form_table_get_group (const GkFormTable *table,
                         const char        *label)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (const GkFormGroup *group = table->groups; group != NULL && group->label != NULL; group++)
    if (g_str_equal (group->label, label))
      return group;
  return NULL;
}

const char *
gk_form_prose_fact_table (const char *check_id,
                          const char *cell)
{
  if (cell != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        if (g_str_has_prefix (cell, tables[i].key) && cell[strlen (tables[i].key)] == '.')
          return tables[i].key;
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (prose_checks); i++)
    if (g_strcmp0 (prose_checks[i].id, check_id) == 0)
      return prose_checks[i].table;
  return NULL;
}

const GkFormIdentity *
gk_form_get_identities (guint *n_identities)
{
  *n_identities = G_N_ELEMENTS (identities);
  return identities;
}

const GkFormIdentity *
gk_form_get_cross_identities (guint *n_identities)
{
  *n_identities = G_N_ELEMENTS (cross_identities);
  return cross_identities;
}

const GkFormProseCheck *
gk_form_get_prose_checks (guint *n_checks)
{
  *n_checks = G_N_ELEMENTS (prose_checks);
  return prose_checks;
}

const GkFormMetric *
gk_form_get_metrics (guint *n_metrics)
{
  *n_metrics = G_N_ELEMENTS (metrics);
  return metrics;
}

const GkFormMetric *
gk_form_get_metric (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    if (g_strcmp0 (metrics[i].key, key) == 0)
      return &metrics[i];
  return NULL;
}

gboolean
gk_form_row_in_version (const GkFormRow *row,
                        GkFormVersion    version)
{
  return (row->versions & GK_FORM_BIT (version)) != 0;
}

static gboolean
add_term (const GkFormLayout *layout,
          const GkFormTerm   *term,
          const char         *scope,
          guint              *indices,
          gint8              *signs,
          guint              *n)
{
  g_autofree char *key = g_strdup_printf (term->cell, scope);
  const GkFormCell *cell = g_hash_table_lookup (layout->by_key, key);

  if (cell == NULL)
    return FALSE;
  g_assert (*n < GK_FORM_MAX_TERMS);
  indices[*n] = cell->index;
  signs[*n] = term->sign;
  (*n)++;
  return TRUE;
}

static void
compile_identities (GkFormLayout *layout)
{
  GArray *instances = g_array_new (FALSE, TRUE, sizeof (GkFormIdentityInstance));

  for (guint i = 0; i < G_N_ELEMENTS (identities); i++)
    {
      const GkFormIdentity *def = &identities[i];

      if ((def->versions & GK_FORM_BIT (layout->version)) == 0)
        continue;
      for (guint k = 0; def->expand_keys[k] != NULL; k++)
        {
          GkFormIdentityInstance instance = { def, NULL, 0, 0 };
          gboolean lhs_complete = TRUE;

          for (guint t = 0; t < G_N_ELEMENTS (def->lhs) && def->lhs[t].cell != NULL; t++)
            lhs_complete &= add_term (layout, &def->lhs[t], def->expand_keys[k],
                                      instance.lhs, instance.lhs_sign, &instance.n_lhs);
          for (guint t = 0; t < G_N_ELEMENTS (def->rhs) && def->rhs[t].cell != NULL; t++)
            add_term (layout, &def->rhs[t], def->expand_keys[k],
                      instance.rhs, instance.rhs_sign, &instance.n_rhs);

          /* A scope the version lacks (e.g. the 2021 rows in 2019) is no
           * identity at all. */
          if (!lhs_complete || instance.n_lhs == 0 || instance.n_rhs == 0)
            continue;
          instance.scope = g_strdup (def->expand_keys[k]);
          g_array_append_val (instances, instance);
        }
    }

  layout->n_identities = instances->len;
  layout->identities = (GkFormIdentityInstance *) g_array_free (instances, FALSE);
}

static GkFormLayout *
build_layout (GkFormVersion version)
{
  GkFormLayout *layout = g_new0 (GkFormLayout, 1);
  GArray *cells = g_array_new (FALSE, TRUE, sizeof (GkFormCell));

  layout->version = version;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const GkFormRow *row = tables[t].rows; row->key != NULL; row++)
      {
        if (!gk_form_row_in_version (row, version))
          continue;
        for (const GkFormColumn *column = row->columns; column->key != NULL; column++)
          {
            GkFormCell cell = {
              cells->len,
              g_strdup_printf ("%s.%s.%s", tables[t].key, row->key, column->key),
              &tables[t], row, column, t
            };
            g_array_append_val (cells, cell);
          }
      }

  layout->n_cells = cells->len;
  layout->cells = (GkFormCell *) g_array_free (cells, FALSE);
  layout->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  layout->by_row = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < layout->n_cells; i++)
    {
      g_hash_table_insert (layout->by_key, layout->cells[i].key, &layout->cells[i]);
      if (!g_hash_table_contains (layout->by_row, layout->cells[i].row))
        g_hash_table_insert (layout->by_row, (gpointer) layout->cells[i].row, GUINT_TO_POINTER (i));
    }

  compile_identities (layout);
  return layout;
}

/* Layouts are built once and live as long as the process: they are the form. */
const GkFormLayout *
gk_form_get_layout (GkFormVersion version)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      layouts[GK_FORM_2019] = build_layout (GK_FORM_2019);
      layouts[GK_FORM_2021] = build_layout (GK_FORM_2021);
      g_once_init_leave (&initialized, 1);
    }

  if (version != GK_FORM_2019 && version != GK_FORM_2021)
    return NULL;
  return layouts[version];
}

const GkFormCell *
gk_form_layout_lookup (const GkFormLayout *layout,
                       const char         *key)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return g_hash_table_lookup (layout->by_key, key);
}

/* The cell at @row and @column, as gk_form_layout_lookup() finds it by its
 * key, without writing the key: a row's cells follow each other in the
 * layout, in the order of its columns. */
const GkFormCell *
gk_form_layout_find (const GkFormLayout *layout,
                     const GkFormRow    *row,
                     const GkFormColumn *column)
{
  gpointer first;
  const GkFormCell *cell;
  gsize index;

  g_return_val_if_fail (layout != NULL && row != NULL && column != NULL, NULL);

  if (!g_hash_table_lookup_extended (layout->by_row, row, NULL, &first) || column < row->columns)
    return NULL;
  index = GPOINTER_TO_UINT (first) + (gsize) (column - row->columns);
  if (index >= layout->n_cells)
    return NULL;
  cell = &layout->cells[index];
  return cell->row == row && cell->column == column ? cell : NULL;
}

const char * const *
gk_form_match_variants (const char * const *match)
{
  static GMutex lock;
  static GHashTable *cache;
  GPtrArray *variants;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  variants = g_hash_table_lookup (cache, match);
  if (variants == NULL)
    {
      variants = g_ptr_array_new ();
      for (guint i = 0; match[i] != NULL; i++)
        {
          g_autofree char *taiwan = gk_text_to_taiwan (match[i], -1);
          char *folded = gk_text_fold (taiwan, -1);

          g_ptr_array_add (variants, (gpointer) match[i]);
          if (!g_str_equal (folded, match[i]))
            g_ptr_array_add (variants, folded);
          else
            g_free (folded);
        }
      g_ptr_array_add (variants, NULL);
      g_hash_table_insert (cache, (gpointer) match, variants);
    }
  g_mutex_unlock (&lock);
  return (const char * const *) variants->pdata;
}

static const char * const version_names[] = {
  [GK_FORM_UNKNOWN] = "unknown",
  [GK_FORM_2019] = "2019",
  [GK_FORM_2021] = "2021",
  [GK_FORM_LEGACY] = "legacy",
};

const char *
gk_form_version_to_string (GkFormVersion version)
{
  g_return_val_if_fail (version < GK_N_FORM_VERSIONS, "unknown");
  return version_names[version];
}

gboolean
gk_form_version_from_string (const char    *string,
                             GkFormVersion *version)
{
  for (guint i = 0; i < G_N_ELEMENTS (version_names); i++)
    if (g_strcmp0 (string, version_names[i]) == 0)
      {
        *version = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gk_severity_to_string (GkSeverity severity)
{
  switch (severity)
    {
    case GK_SEVERITY_ERROR: return "error";
    case GK_SEVERITY_WARNING: return "warning";
    case GK_SEVERITY_UNCERTAIN: return "uncertain";
    default: return "unknown";
    }
}
