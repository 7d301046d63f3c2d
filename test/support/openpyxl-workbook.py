"""Workbooks as openpyxl saves them, for the tests of `--update` (run with Debian's /usr/bin/python3).

  new OUT             a workbook of a person's own: a bar chart and a note on "Sales", a picture on
                      "Picture", formulas on "Formulas", the defined name TotalRevenue
  decorate IN OUT     the same sheets and name added to the workbook IN (one the add-on wrote)
  picture IN OUT TAB  a picture put on the sheet TAB of IN

The picture is a PNG made here, so that no imaging library is needed (openpyxl reads images
through Pillow, which the tests do not install).
"""
import struct
import sys
import zlib

from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.workbook.defined_name import DefinedName


def png(width, height, rgb):
    raw = b''.join(b'\x00' + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')


class Picture(Image):
    """An openpyxl image from PNG bytes, without Pillow."""

    def __init__(self, data, width, height, anchor):
        self.ref = data
        self.format = 'png'
        self.width = width
        self.height = height
        self.anchor = anchor

    def _data(self):
        return self.ref


def add_own_sheets(wb):
    sales = wb.create_sheet('Sales')
    sales.append(['Month', 'Revenue'])
    for month, revenue in [('M1', 10), ('M2', 30), ('M3', 20), ('M4', 40)]:
        sales.append([month, revenue])
    chart = BarChart()
    chart.title = 'Revenue by month'
    chart.add_data(Reference(sales, min_col=2, min_row=1, max_row=5), titles_from_data=True)
    chart.set_categories(Reference(sales, min_col=1, min_row=2, max_row=5))
    sales.add_chart(chart, 'D2')
    sales['A1'].comment = Comment('Numbers from the finance team', 'Ann')
    picture = wb.create_sheet('Picture')
    picture['A1'] = 'Logo'
    picture.add_image(Picture(png(40, 20, (200, 30, 30)), 40, 20, 'B2'))
    formulas = wb.create_sheet('Formulas')
    formulas['A1'] = 2
    formulas['A2'] = '=A1*3'
    formulas['A3'] = '=SUM(Sales!B2:B5)'
    name = DefinedName('TotalRevenue', attr_text='Sales!$B$2:$B$5')
    # openpyxl 3.0 (Debian 12) keeps defined names in a list, 3.1 in a dict with add().
    if hasattr(wb.defined_names, 'add'):
        wb.defined_names.add(name)
    else:
        wb.defined_names.append(name)


def main(command, *args):
    if command == 'new':
        wb = Workbook()
        wb.remove(wb.active)
        add_own_sheets(wb)
        wb.save(args[0])
    elif command == 'decorate':
        wb = load_workbook(args[0])
        add_own_sheets(wb)
        wb.save(args[1])
    elif command == 'picture':
        wb = load_workbook(args[0])
        wb[args[2]].add_image(Picture(png(30, 30, (30, 30, 200)), 30, 30, 'Z3'))
        wb.save(args[1])
    else:
        raise SystemExit('unknown command ' + command)


if __name__ == '__main__':
    main(*sys.argv[1:])
