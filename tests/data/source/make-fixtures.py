#!/usr/bin/env python3
# make-fixtures.py — writes the synthetic pages test-source.c reads
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from anywhere: python3 make-fixtures.py. Every page here is made up;
# none is copied from a real site.

import base64
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))

SIMPLIFIED = "平潭综合实验区2019年度政府信息公开工作年度报告\n一、总体情况\n本年度共收到政府信息公开申请75件，均已按时办结。"
TRADITIONAL = "黑龍江省人民防空辦公室2021年度政府信息公開工作年度報告\n一、總體情況\n按照《條例》要求，現發布本年度報告。"


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def page(body, head=""):
    return ("<!DOCTYPE html>\n<html>\n<head>\n%s<title>年度报告</title>\n</head>\n"
            "<body>\n<p>%s</p>\n</body>\n</html>\n" % (head, body.replace("\n", "</p>\n<p>")))


# Charsets, declared and not
write("gbk-no-meta.html", page(SIMPLIFIED).encode("gbk"))
write("gb2312-meta.htm",
      page(SIMPLIFIED, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n')
      .encode("gb2312"))
write("big5-no-meta.html",
      page(TRADITIONAL).replace("年度报告</title>", "年度報告</title>").encode("big5"))
write("big5-meta.html",
      page(TRADITIONAL, '<META charset="big5">\n').replace("年度报告</title>", "年度報告</title>")
      .encode("big5"))
write("xml-declaration-gbk.xhtml",
      ('<?xml version="1.0" encoding="GBK"?>\n' + page(SIMPLIFIED)).encode("gbk"))
write("utf8-bom.html", b"\xef\xbb\xbf" + page(SIMPLIFIED, '<meta charset="utf-8">\n').encode())
write("utf16le-bom.txt", "\ufeff".encode("utf-16-le") + SIMPLIFIED.replace("\n", "\r\n").encode("utf-16-le"))
write("utf16be-bom.html", "\ufeff".encode("utf-16-be") + page(TRADITIONAL).encode("utf-16-be"))
write("claims-utf8-is-gb18030.html",
      page(SIMPLIFIED, '<meta charset="UTF-8">\n').encode("gb18030"))
write("invalid-utf8-claiming-utf8.html",
      page(SIMPLIFIED, '<meta charset="utf-8">\n').encode().replace("一、".encode(), b"\xff\xfe\xff"))
write("truncated-utf8.txt", SIMPLIFIED.encode()[:-2])
write("truncated-gbk.html", page(SIMPLIFIED).rstrip().encode("gbk") + "报".encode("gbk")[:1])
write("commented-meta.html",
      page(SIMPLIFIED, '<!-- <meta charset="big5"> -->\n<meta http-equiv=Content-Type content="text/html;charset=GBK">\n')
      .encode("gbk"))

# Kinds that the extension gets wrong
write("really-html.txt", page(SIMPLIFIED, '<meta charset="utf-8">\n').encode())
write("really-text.html", ("标题: " + SIMPLIFIED + "\n《关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》\n").encode())
write("no-extension", page(SIMPLIFIED).encode())
write("crlf.txt", SIMPLIFIED.replace("\n", "\r\n").encode() + b"\rold mac line\r")

# MHTML, as browsers save it
html_utf8 = page(SIMPLIFIED, '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n')
qp = quopri.encodestring(html_utf8.encode(), quotetabs=False).replace(b"\n", b"\r\n")
write("quoted-printable.mhtml", (
    b"From: <Saved by Blink>\r\n"
    b"Snapshot-Content-Location: https://example.gov.cn/report.html\r\n"
    b"Subject: =?utf-8?Q?report?=\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: multipart/related;\r\n"
    b"\ttype=\"text/html\";\r\n"
    b"\tboundary=\"----MultipartBoundary--abc123----\"\r\n"
    b"\r\n\r\n"
    b"------MultipartBoundary--abc123----\r\n"
    b"Content-Type: text/html\r\n"
    b"Content-ID: <frame-1@mhtml.blink>\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"Content-Location: https://example.gov.cn/report.html\r\n"
    b"\r\n" + qp + b"\r\n"
    b"------MultipartBoundary--abc123----\r\n"
    b"Content-Type: text/css\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"Content-Location: https://example.gov.cn/style.css\r\n"
    b"\r\n"
    b"p { color: red; }\r\n"
    b"------MultipartBoundary--abc123------\r\n"))

html_gbk = page(SIMPLIFIED).encode("gbk")
b64 = base64.encodebytes(html_gbk)
write("base64-gbk.mht", (
    b"MIME-Version: 1.0\n"
    b"Content-Type: multipart/related; boundary=----=_NextPart_000_0000_01D00000.ABCDEF00;\n"
    b" type=\"text/html\"\n"
    b"X-MimeOLE: Produced By Microsoft MimeOLE\n"
    b"\n"
    b"This is a multi-part message in MIME format.\n"
    b"\n"
    b"------=_NextPart_000_0000_01D00000.ABCDEF00\n"
    b"Content-Type: image/png\n"
    b"Content-Transfer-Encoding: base64\n"
    b"Content-Location: https://example.gov.cn/logo.png\n"
    b"\n"
    b"iVBORw0KGgo=\n"
    b"\n"
    b"------=_NextPart_000_0000_01D00000.ABCDEF00\n"
    b"Content-Type: text/html;\n"
    b"\tcharset=\"gbk\"\n"
    b"Content-Transfer-Encoding: base64\n"
    b"Content-Location: https://example.gov.cn/report.html\n"
    b"\n" + b64 +
    b"\n------=_NextPart_000_0000_01D00000.ABCDEF00--\n"))

write("mime-in.html", (
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: multipart/related; boundary=\"b1\"\r\n"
    b"\r\n"
    b"--b1\r\n"
    b"Content-Type: multipart/alternative; boundary=\"b2\"\r\n"
    b"\r\n"
    b"--b2\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"\r\n"
    b"plain\r\n"
    b"--b2\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n"
    b"\r\n" + page(SIMPLIFIED).encode() + b"\r\n"
    b"--b2--\r\n"
    b"--b1--\r\n"))

write("no-html-part.mht", (
    b"MIME-Version: 1.0\n"
    b"Content-Type: multipart/related; boundary=x\n"
    b"\n"
    b"--x\n"
    b"Content-Type: text/plain\n"
    b"\n"
    b"only text here\n"
    b"--x--\n"))
