#!/usr/bin/env python3
"""Writes the synthetic report pages the extraction tests read. They are
written by hand here, in the layouts real pages use, with values chosen so
each identity holds or breaks where the test says. Run it again after
changing it; the pages are committed."""
import pathlib

HERE = pathlib.Path(__file__).parent

T3_ROWS_2021 = [
    ("一、本年新收政府信息公开申请数量", None),
    ("二、上年结转政府信息公开申请数量", None),
    ("（一）予以公开", "三、本年度办理结果"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果"),
    ("1.属于国家秘密", "（三）不予公开"),
    ("2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("3.危及“三安全一稳定”", "（三）不予公开"),
    ("4.保护第三方合法权益", "（三）不予公开"),
    ("5.属于三类内部事务信息", "（三）不予公开"),
    ("6.属于四类过程性信息", "（三）不予公开"),
    ("7.属于行政执法案卷", "（三）不予公开"),
    ("8.属于行政查询事项", "（三）不予公开"),
    ("1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("2.没有现成信息需要另行制作", "（四）无法提供"),
    ("3.补正后申请内容仍不明确", "（四）无法提供"),
    ("1.信访举报投诉类申请", "（五）不予处理"),
    ("2.重复申请", "（五）不予处理"),
    ("3.要求提供公开出版物", "（五）不予处理"),
    ("4.无正当理由大量反复申请", "（五）不予处理"),
    ("5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("3.其他", "（六）其他处理"),
    ("（七）总计", "三、本年度办理结果"),
    ("四、结转下年度继续办理", None),
]

T3_ROWS_2019 = T3_ROWS_2021[:20] + [("（六）其他处理", "三、本年度办理结果")] + T3_ROWS_2021[23:]

WORD_HEAD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}_政府信息公开年报_示例网站</title>
<style>p.MsoNormal {{ mso-style-parent:""; font-size:10.5pt; }}</style>
<script>var nav = "一、总体情况 should never be read from a script";</script>
</head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<h1>{title}</h1>
<p class="MsoNormal">发布时间：{date}</p>
"""

FOOT = """<p class="MsoNormal"><span>【打印本文】</span> <span>【关闭】</span></p>
<div class="footer"><p>主办单位：示例办公室 备案序号：京ICP备12345678号</p></div>
</body></html>
"""


def cell(text, rowspan=1, colspan=1):
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    return f'<td{attrs}><p class="MsoNormal"><span style="font-family:仿宋">{text}</span><o:p></o:p></p></td>'


def t3_rows(rows, values, extra_subtotal=False, spacer=False):
    """values: label → list of 7 strings (natural … other, total)."""
    out = []
    groups = {}
    for label, group in rows:
        if group:
            groups.setdefault(group, 0)
            groups[group] += 1
    seen = set()
    for label, group in rows:
        tds = []
        v = values.get(label, ["0"] * 7)
        if group is None:
            tds.append(cell(label, colspan=3))
        else:
            if group == "三、本年度办理结果" or group.startswith("（"):
                top = "三、本年度办理结果"
                if top not in seen:
                    seen.add(top)
                    tds.append(cell(top, rowspan=sum(1 for l, g in rows if g and g != None and l != "四、结转下年度继续办理" and (g == top or g.startswith("（")))))
                if group == top:
                    tds.append(cell(label, colspan=2))
                else:
                    if group not in seen:
                        seen.add(group)
                        tds.append(cell(group, rowspan=groups[group]))
                    tds.append(cell(label))
        numbers = v[:6]
        if extra_subtotal:
            sub = sum(int(x) for x in v[1:6] if x.strip().isdigit())
            numbers = v[:6] + [str(sub)]
        tds += [cell(x) for x in numbers] + [cell(v[6])]
        out.append("<tr>" + "".join(tds) + "</tr>")
        if spacer and label.startswith("二、"):
            out.append("<tr>" + "".join(cell("&nbsp;") for _ in range(3 + len(numbers) + 1)) + "</tr>")
    return out


def t3_header(extra_subtotal=False, split=False):
    orgs = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    if split:
        orgs = ["商业<br>企业", "科研<br>机构", "社会公益<br>组织", "法律服务<br>机构", "其他"]
    n_org = 6 if extra_subtotal else 5
    rows = [
        "<tr>" + cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3)
        + cell("申请人情况", colspan=2 + n_org) + "</tr>",
        "<tr>" + cell("自然人", rowspan=2) + cell("法人或其他组织", colspan=n_org) + cell("总计", rowspan=2) + "</tr>",
        "<tr>" + "".join(cell(o) for o in orgs) + (cell("法人或其他组织小计") if extra_subtotal else "") + "</tr>",
    ]
    return rows


def t4_rows(values):
    groups = ["行政复议", "未经复议直接起诉", "复议后起诉"]
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [
        "<tr>" + cell("行政复议", colspan=5) + cell("行政诉讼", colspan=10) + "</tr>",
        "<tr>" + "".join(cell(l, rowspan=2) for l in leaves) + cell("未经复议直接起诉", colspan=5)
        + cell("复议后起诉", colspan=5) + "</tr>",
        "<tr>" + "".join(cell(l) for l in leaves * 2) + "</tr>",
        "<tr>" + "".join(cell(v) for v in values) + "</tr>",
    ]
    return rows


def zeros():
    return {}


def write(name, text):
    (HERE / name).write_text(text, encoding="utf-8")


# ── Page A: the 2021 form, all three tables in ONE <table>, headers split across
# lines, an extra 法人或其他组织小计 column, a spacer row; every identity holds.
a_values = {
    "一、本年新收政府信息公开申请数量": ["20", "3", "0", "1", "0", "0", "24"],
    "二、上年结转政府信息公开申请数量": ["1", "0", "0", "0", "0", "0", "1"],
    "（一）予以公开": ["10", "2", "0", "0", "0", "0", "12"],
    "1.本机关不掌握相关政府信息": ["8", "1", "0", "1", "0", "0", "10"],
    "3.其他": ["2", "0", "0", "0", "0", "0", "2"],
    "（七）总计": ["20", "3", "0", "1", "0", "0", "24"],
    "四、结转下年度继续办理": ["1", "0", "0", "0", "0", "0", "1"],
}
t2_a = [
    "<tr>" + cell("第二十条第（一）项", colspan=11) + "</tr>",
    "<tr>" + cell("信息内容", colspan=3) + cell("本年制发件数", colspan=3) + cell("本年废止件数", colspan=3) + cell("现行有效件数", colspan=2) + "</tr>",
    "<tr>" + cell("规章", colspan=3) + cell("0", colspan=3) + cell("0", colspan=3) + cell("0", colspan=2) + "</tr>",
    "<tr>" + cell("行政规范性文件", colspan=3) + cell("5", colspan=3) + cell("2", colspan=3) + cell("31", colspan=2) + "</tr>",
    "<tr>" + cell("第二十条第（五）项", colspan=11) + "</tr>",
    "<tr>" + cell("信息内容", colspan=3) + cell("本年处理决定数量", colspan=8) + "</tr>",
    "<tr>" + cell("行政许可", colspan=3) + cell("1,234", colspan=8) + "</tr>",
    "<tr>" + cell("第二十条第（六）项", colspan=11) + "</tr>",
    "<tr>" + cell("信息内容", colspan=3) + cell("本年处理决定数量", colspan=8) + "</tr>",
    "<tr>" + cell("行政处罚", colspan=3) + cell("56", colspan=8) + "</tr>",
    "<tr>" + cell("行政强制", colspan=3) + cell("0", colspan=8) + "</tr>",
    "<tr>" + cell("第二十条第（八）项", colspan=11) + "</tr>",
    "<tr>" + cell("信息内容", colspan=3) + cell("本年收费金额（单位：万元）", colspan=8) + "</tr>",
    "<tr>" + cell("行政事业性收费", colspan=3) + cell("12.5", colspan=8) + "</tr>",
]
page_a = WORD_HEAD.format(title="示例市交通运输局2022年度政府信息公开工作年度报告", date="2023-01-20")
page_a += """<p class="MsoNormal">一、总体情况</p>
<p class="MsoNormal">2022年，我局共收到政府信息公开申请24件，予以公开12件。</p>
<p class="MsoNormal">二、主动公开政府信息情况</p>
<p class="MsoNormal">三、收到和处理政府信息公开申请情况</p>
<p class="MsoNormal">四、政府信息公开行政复议、行政诉讼情况</p>
<table border="1">
""" + "\n".join(t2_a + t3_header(extra_subtotal=True, split=True)
                + t3_rows(T3_ROWS_2021, a_values, extra_subtotal=True, spacer=True)) + "\n"
# t4 in the same table: 15 columns plus padding is fine for the grid reader
page_a += "\n".join(t4_rows(["1", "0", "0", "1", "2"] + ["0"] * 5 + ["0"] * 5)) + "\n</table>\n"
page_a += """<p class="MsoNormal">五、存在的主要问题及改进情况</p><p class="MsoNormal">无。</p>
<p class="MsoNormal">六、其他需要报告的事项</p><p class="MsoNormal">本年度未收取信息处理费。</p>
<p class="MsoNormal">示例市交通运输局</p><p class="MsoNormal">2023年1月20日</p>
<p class="MsoNormal">相关信息</p><p><a href="/1">示例市交通运输局2021年度政府信息公开工作年度报告</a></p>
""" + FOOT
write("all-in-one-2021.html", page_a)

# ── Page B: the 2019 form, separate tables, merged t2 cells, 「减4」 and
# 「251000元」, blank cells, one t3.balance error, traditional characters.
b_values = {
    "一、本年新收政府信息公开申请数量": ["9", "", "", "", "", "1", "10"],
    "二、上年结转政府信息公开申请数量": ["2", "", "", "", "", "", "2"],
    "（一）予以公开": ["5", "", "", "", "", "1", "6"],
    "1.本机关不掌握相关政府信息": ["4", "", "", "", "", "", "4"],
    "（七）总计": ["9", "", "", "", "", "1", "10"],
    # balance fails for natural: 9 + 2 ≠ 9 + 1
    "四、结转下年度继续办理": ["1", "", "", "", "", "", "1"],
}
t2_b = ["<table border='1'>",
        "<tr>" + cell("第二十條第（一）項", colspan=5) + "</tr>",
        "<tr>" + cell("信息內容") + cell("本年新製作數量") + cell("本年新公開數量", colspan=2) + cell("對外公開總數量") + "</tr>",
        "<tr>" + cell("規章") + cell("0") + cell("0", colspan=2) + cell("3") + "</tr>",
        "<tr>" + cell("規範性文件") + cell("4") + cell("4", colspan=2) + cell("40") + "</tr>",
        "<tr>" + cell("第二十條第（五）項", colspan=5) + "</tr>",
        "<tr>" + cell("信息內容") + cell("上一年項目數量") + cell("本年增/減", colspan=2) + cell("處理決定數量") + "</tr>",
        "<tr>" + cell("行政許可") + cell("120") + cell("減4", colspan=2) + cell("88") + "</tr>",
        "<tr>" + cell("其他對外管理服務事項") + cell("6") + cell("-1", colspan=2) + cell("2") + "</tr>",
        "<tr>" + cell("第二十條第（六）項", colspan=5) + "</tr>",
        "<tr>" + cell("信息內容") + cell("上一年項目數量") + cell("本年增/減", colspan=2) + cell("處理決定數量") + "</tr>",
        "<tr>" + cell("行政處罰") + cell("300") + cell("0", colspan=2) + cell("45") + "</tr>",
        "<tr>" + cell("行政強制") + cell("10") + cell("0", colspan=2) + cell("") + "</tr>",
        "<tr>" + cell("第二十條第（八）項", colspan=5) + "</tr>",
        "<tr>" + cell("信息內容") + cell("上一年項目數量") + cell("本年增/減", colspan=3) + "</tr>",
        "<tr>" + cell("行政事業性收費") + cell("3") + cell("0", colspan=3) + "</tr>",
        "<tr>" + cell("第二十條第（九）項", colspan=5) + "</tr>",
        "<tr>" + cell("信息內容") + cell("採購項目數量", colspan=2) + cell("採購總金額", colspan=2) + "</tr>",
        "<tr>" + cell("政府集中採購") + cell("6", colspan=2) + cell("251000元", colspan=2) + "</tr>",
        "</table>"]
page_b = WORD_HEAD.format(title="2019年示例縣人民政府辦公室政府信息公開工作年度報告", date="2020-01-31")
page_b += "<p>一、總體情況</p><p>本年度受理政府信息公開申請10件。</p><p>二、主動公開政府信息情況</p>\n"
page_b += "\n".join(t2_b) + "\n<p>三、收到和處理政府信息公開申請情況</p>\n<table border='1'>\n"
page_b += "\n".join(t3_header() + t3_rows(T3_ROWS_2019, b_values)) + "\n</table>\n"
page_b += "<p>四、政府信息公開行政複議、行政訴訟情況</p>\n<table border='1'>\n"
page_b += "\n".join(t4_rows(["", "", "", "", ""] + ["0"] * 10)) + "\n</table>\n"
page_b += "<p>五、存在的主要問題及改進情況</p><p>無。</p><p>六、其他需要報告的事項</p><p>無。</p>\n" + FOOT
write("separate-2019-traditional.html", page_b)

# ── Page C: text with a heading typo, section 四 dropped (五 renumbered),
# headings run into paragraphs, tab-separated t2, one cell per line t3.
lines = ["示例区卫生健康委员会2023年度政府信息公开工作年度报告", "",
         "一、总体情况2023年，我委共收到政府信息公开申请3件。（一）主动公开。全年主动公开信息100条。",
         "二、主动公开政府信息情况",
         "第二十条第（一）项",
         "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
         "规章\t0\t0\t0",
         "行政规范性文件\t1\t0\t9",
         "第二十条第（五）项",
         "信息内容\t本年处理决定数量",
         "行政许可\t12",
         "第二十条第（六）项",
         "信息内容\t本年处理决定数量",
         "行政处罚\t3",
         "行政强制\t0",
         "第二十条第（八）项",
         "信息内容\t本年收费金额（单位：万元）",
         "行政事业性收费\t0",
         "三、收到和处理政府信息公开申请情况",
         "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
         "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
c_values = {
    "一、本年新收政府信息公开申请数量": ["3", "0", "0", "0", "0", "0", "3"],
    "（一）予以公开": ["2", "0", "0", "0", "0", "0", "2"],
    "1.本机关不掌握相关政府信息": ["1", "0", "0", "0", "0", "0", "1"],
    "（七）总计": ["3", "0", "0", "0", "0", "0", "3"],
}
groups_done = set()
for label, group in T3_ROWS_2021:
    if group and group not in groups_done:
        groups_done.add(group)
        if group != "三、本年度办理结果":
            lines.append(group)
        elif "三、本年度办理结果" not in lines:
            lines.append(group)
    lines.append(label)
    lines += c_values.get(label, ["0"] * 7)
lines += ["四、政府信息公开行政法复议、行政诉讼情况",
          "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
          "未经复议直接起诉", "复议后起诉"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2 \
         + ["0"] * 15 + \
         ["四、存在的主要问题及改进情况", "无。", "五、其他需要报告的事项", "无。"]
# drop the real section 四 heading to simulate a small agency that has none
lines = [l for l in lines if not l.startswith("四、政府信息公开行政法复议")]
write("text-renumbered-2023.txt", "\n".join(lines) + "\n")

# ── Page D: a heading typo, kept (四、政府信息公开行政法复议…)
lines_d = ["示例县统计局2022年度政府信息公开工作年度报告",
           "一、总体情况", "本年度未收到申请。",
           "二、主动公开政府信息情况",
           "三、收到和处理政府信息公开申请情况",
           "四、政府信息公开行政法复议、行政诉讼情况",
           "五、存在的主要问题及改进情况", "无。",
           "六、其他需要报告的事项", "无。"]
write("text-heading-typo.txt", "\n".join(lines_d) + "\n")


# ── Text pages, one row a line, cells separated by spaces: each holds one
# quirk the reader must survive.
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEAD = "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"
T4_HEAD = ["行政复议 行政诉讼",
           "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
           "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计"]


def t3_text(rows, values):
    """values: label → 7 strings, or one string printed as is after the label."""
    out = [T3_NOTE, T3_HEAD]
    seen = set()
    for label, group in rows:
        if group and group not in seen:
            if group != "三、本年度办理结果" and "三、本年度办理结果" not in seen:
                seen.add("三、本年度办理结果")
                out.append("三、本年度办理结果")
            seen.add(group)
            out.append(group)
        v = values.get(label, ["0"] * 7)
        out.append(label + " " + (v if isinstance(v, str) else " ".join(v)))
    return out


def text_page(name, title, t3_rows_, t3_values, t2=None, t4=None, prose="无。"):
    lines = [title, "一、总体情况", prose, "二、主动公开政府信息情况"]
    lines += t2 if t2 else ["（表格以图片发布）"]
    lines += ["三、收到和处理政府信息公开申请情况"] + t3_text(t3_rows_, t3_values)
    lines += ["四、政府信息公开行政复议、行政诉讼情况"]
    lines += t4 if t4 else ["（表格以图片发布）"]
    lines += ["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]
    write(name, "\n".join(lines) + "\n")


def same_row(*values):
    return {"一、本年新收政府信息公开申请数量": list(values),
            "（一）予以公开": list(values),
            "（七）总计": list(values)}


# Full-width digits run together: 64 0 0 2 0 4 70, which t3.balance alone pins.
fw = same_row("64", "0", "0", "2", "0", "4", "70")
fw["一、本年新收政府信息公开申请数量"] = "６４００２０４７０"
text_page("text-fullwidth-run-2022.txt", "示例县水利局2022年度政府信息公开工作年度报告", T3_ROWS_2021, fw)

# Not-applicable marks other than 「/」, and a row that is one mark alone.
na = same_row("5", "0", "0", "0", "0", "0", "5")
na["二、上年结转政府信息公开申请数量"] = "／ ／ ／ ／ ／ ／ ／"
na["1.属于国家秘密"] = "—— —— —— —— —— —— ——"
na["2.重复申请"] = "不适用"
na["四、结转下年度继续办理"] = "/"
text_page("text-na-marks-2022.txt", "示例县林业局2022年度政府信息公开工作年度报告", T3_ROWS_2021, na)

# A short row that is neither digits nor one mark: text, never a digit run.
mixed = same_row("5", "0", "0", "0", "0", "0", "5")
mixed["2.没有现成信息需要另行制作"] = "5 /"
text_page("text-mixed-row-2022.txt", "示例县气象局2022年度政府信息公开工作年度报告", T3_ROWS_2021, mixed)

# A digit run beside a count printed negative: no proof may rest on it.
neg = same_row("64", "0", "0", "2", "0", "4", "70")
neg["一、本年新收政府信息公开申请数量"] = "640020470"
neg["二、上年结转政府信息公开申请数量"] = ["0", "0", "0", "0", "0", "-1", "-1"]
text_page("text-negative-run-2022.txt", "示例县审计局2022年度政府信息公开工作年度报告", T3_ROWS_2021, neg)

# A digit run in the same table as a short row of a mark and digits
# (「— 3」): that row waits for review, and only the run goes to the split.
mark = same_row("64", "0", "0", "2", "0", "4", "70")
mark["一、本年新收政府信息公开申请数量"] = "640020470"
mark["8.属于行政查询事项"] = "— 3"
text_page("text-mark-beside-run-2022.txt", "示例县统计局2022年度政府信息公开工作年度报告", T3_ROWS_2021, mark)

# t4 with sixteen values where the form has fifteen.
text_page("text-t4-extra-2022.txt", "示例县档案局2022年度政府信息公开工作年度报告", T3_ROWS_2021,
          same_row("1", "0", "0", "0", "0", "0", "1"),
          t4=T4_HEAD + [" ".join(["0"] * 15 + ["7"])])

# The form version from the labels, never from the year: a 2023 report on
# the 2019 form (one （六）其他处理 row with its own values) ...
old_form = same_row("5", "0", "0", "0", "0", "0", "5")
old_form["（一）予以公开"] = ["3", "0", "0", "0", "0", "0", "3"]
old_form["（六）其他处理"] = ["2", "0", "0", "0", "0", "0", "2"]
text_page("text-form2019-dated-2023.txt", "示例县民政局2023年度政府信息公开工作年度报告", T3_ROWS_2019, old_form)

# ... a 2019 report already on the 2021 form ...
new_form = same_row("4", "0", "0", "0", "0", "0", "4")
new_form["（一）予以公开"] = ["3", "0", "0", "0", "0", "0", "3"]
new_form["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] = ["1", "0", "0", "0", "0", "0", "1"]
t2_2021 = ["第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
           "规章 0 0 0", "行政规范性文件 2 0 7",
           "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 15",
           "第二十条第（六）项", "信息内容 本年处理决定数量", "行政处罚 4", "行政强制 0",
           "第二十条第（八）项", "信息内容 本年收费金额（单位：万元）", "行政事业性收费 0"]
text_page("text-form2021-dated-2019.txt", "示例县教育局2019年度政府信息公开工作年度报告", T3_ROWS_2021,
          new_form, t2=t2_2021)

# ... and a t3 with no （六） rows at all, nothing else to tell by.
undecided_rows = [r for r in T3_ROWS_2021 if r[1] != "（六）其他处理"]
text_page("text-form-undecided-2019.txt", "示例县商务局2019年度政府信息公开工作年度报告", undecided_rows,
          same_row("1", "0", "0", "0", "0", "0", "1"))
print("written")
