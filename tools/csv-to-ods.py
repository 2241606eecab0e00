#!/usr/bin/env python3
"""csv-to-ods.py: writes the ODS twin of a sample CSV, the way LibreOffice Calc saves a sheet:
mimetype stored first, content.xml with one table; numbers as float cells (office:value), dates
JJ/MM/AAAA[ HH:MM] as date cells (office:date-value), other cells as text paragraphs; identical
adjacent cells and identical consecutive rows repeated (number-columns-repeated,
number-rows-repeated), and the sheet's trailing empty rows as one repeated empty row.

    python3 tools/csv-to-ods.py IN.csv OUT.ods [ENCODING]   (ENCODING: utf-8-sig, cp1252...)
"""
import csv
import re
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def cell(v):
    if v == '':
        return '<table:table-cell/>'
    m = re.fullmatch(r'(\d\d)/(\d\d)/(\d{4})(?: (\d\d):(\d\d))?', v)
    if m:
        d, mo, y, h, mi = m.groups()
        iso = '%s-%s-%s' % (y, mo, d) + ('T%s:%s:00' % (h, mi) if h else '')
        return ('<table:table-cell office:value-type="date" office:date-value="%s">'
                '<text:p>%s</text:p></table:table-cell>' % (iso, escape(v)))
    if re.fullmatch(r'-?\d+(\.\d+)?', v):
        return ('<table:table-cell office:value-type="float" office:value="%s">'
                '<text:p>%s</text:p></table:table-cell>' % (v, v))
    # two spaces in a row are written <text:s/> by LibreOffice
    text = escape(v).replace('  ', ' <text:s/>')
    return ('<table:table-cell office:value-type="string"><text:p>%s</text:p>'
            '</table:table-cell>' % text)


def row_xml(cells):
    out, i = [], 0
    while i < len(cells):
        j = i
        while j + 1 < len(cells) and cells[j + 1] == cells[i]:
            j += 1
        c = cell(cells[i])
        if j > i:
            c = c.replace('<table:table-cell', '<table:table-cell table:number-columns-repeated="%d"'
                          % (j - i + 1), 1)
        out.append(c)
        i = j + 1
    return ''.join(out)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    enc = sys.argv[3] if len(sys.argv) > 3 else 'utf-8-sig'
    with open(src, newline='', encoding=enc) as f:
        sample = f.read(4096)
        f.seek(0)
        rows = list(csv.reader(f, delimiter=';' if sample.count(';') > sample.count(',') else ','))
    body, i = [], 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[i]:
            j += 1
        rep = ' table:number-rows-repeated="%d"' % (j - i + 1) if j > i else ''
        body.append('<table:table-row%s>%s</table:table-row>' % (rep, row_xml(rows[i])))
        i = j + 1
    body.append('<table:table-row table:number-rows-repeated="1048000">'
                '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s '
               'office:version="1.3"><office:body><office:spreadsheet>'
               '<table:table table:name=%s>%s</table:table>'
               '<table:table table:name="Feuille2"><table:table-row><table:table-cell '
               'office:value-type="string"><text:p>autre feuille</text:p></table:table-cell>'
               '</table:table-row></table:table>'
               '</office:spreadsheet></office:body></office:document-content>\n'
               % (NS, quoteattr('Feuille1'), ''.join(body)))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>\n')
    with zipfile.ZipFile(dst, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet',
                   compress_type=zipfile.ZIP_STORED)
        z.writestr('content.xml', content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('META-INF/manifest.xml', manifest, compress_type=zipfile.ZIP_DEFLATED)


if __name__ == '__main__':
    main()
