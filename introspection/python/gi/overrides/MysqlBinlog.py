# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# PyGObject overrides for MysqlBinlog: rows behave as read-only mappings
# from column names to Python values.  Everything here is comfort over the
# C API (MysqlBinlog.Row.dup_values, get_column_names, get_column_value).

from gi.repository import GLib

from ..module import get_introspection_module
from ..overrides import override

MysqlBinlog = get_introspection_module('MysqlBinlog')

__all__ = []

_Variant = GLib.Variant


def _from_variant(value):
    # Byte strings (ay) become bytes, vectors (ad) a list of floats.
    if value.get_type_string() == 'ay':
        return value.get_data_as_bytes().get_data()
    return value.unpack()


class Row(MysqlBinlog.Row):
    """A row image; also a read-only mapping from column names to values.

    Values are the natural Python types: int, float, str, bytes, list (SET)
    and None (NULL).  ``row.to_dict()`` gives them all at once, in column
    order, and is the fast way to read a whole row.
    """

    def to_dict(self):
        """Returns the row as a dict from column names to Python values."""
        values = self.dup_values()
        row = dict(zip(self.get_column_names(), values))
        if _Variant in map(type, values):
            for name, value in row.items():
                if type(value) is _Variant:
                    row[name] = _from_variant(value)
        return row

    def _index(self, key):
        if isinstance(key, int):
            n = self.get_n_columns()
            index = key + n if key < 0 else key
            if not 0 <= index < n:
                raise IndexError('column index %d out of range' % key)
            return index
        index = self.get_column_index(key)
        if index < 0:
            raise KeyError(key)
        return index

    def __getitem__(self, key):
        """row['name'] or row[index]: one value, as to_dict() gives it."""
        value = self.get_column_value(self._index(key))
        if type(value) is _Variant:
            return _from_variant(value)
        return value

    def get(self, name, default=None):
        try:
            return self[name]
        except (KeyError, IndexError):
            return default

    def __len__(self):
        return self.get_n_columns()

    def __bool__(self):
        # A row is a row even when its image holds no column.
        return True

    def __iter__(self):
        return iter(self.get_column_names())

    def __contains__(self, name):
        return isinstance(name, str) and self.get_column_index(name) >= 0

    def keys(self):
        return self.get_column_names()

    def values(self):
        return list(self.to_dict().values())

    def items(self):
        return list(self.to_dict().items())

    def __repr__(self):
        return '<MysqlBinlog.Row %s.%s %r>' % (self.get_schema(), self.get_table(),
                                               self.to_dict())


Row = override(Row)
__all__.append('Row')
