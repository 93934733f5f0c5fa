/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-table-map-private.h"
#include "wire-private.h"

/*
 * The table map event: a table's name, its columns' types and metadata,
 * and the optional metadata (binlog_row_metadata) of names, signedness,
 * character sets, members, keys and geometry types, read by the rules of
 * the server flavour that wrote it.
 */

/* Optional metadata field types of the table map. */
enum {
  TM_SIGNEDNESS = 1,
  TM_DEFAULT_CHARSET,
  TM_COLUMN_CHARSET,
  TM_COLUMN_NAME,
  TM_SET_STR_VALUE,
  TM_ENUM_STR_VALUE,
  TM_GEOMETRY_TYPE,
  TM_SIMPLE_PRIMARY_KEY,
  TM_PRIMARY_KEY_WITH_PREFIX,
  TM_ENUM_AND_SET_DEFAULT_CHARSET,
  TM_ENUM_AND_SET_COLUMN_CHARSET,
  TM_COLUMN_VISIBILITY,
  TM_VECTOR_DIMENSIONALITY,
};

/*
 * Which columns each field of a table map's optional metadata counts.
 *
 * A field that describes some of the columns (SIGNEDNESS, the charset
 * fields, GEOMETRY_TYPE, ...) lists them in table order without saying
 * which column each entry belongs to: the reader must skip exactly the
 * columns the writing server skipped, or every later column takes its
 * neighbour's entry.  The two servers do not agree on which columns those
 * are, so the rules depend on the flavour of the format description.
 *
 * Sources.  MySQL (8.0.1 and later; read in the 8.0.20 sql/log_event.cc):
 * Table_map_log_event::init_metadata_fields() writes the fields;
 * init_signedness_field() counts is_numeric_field(), i.e.
 * is_numeric_type (field->binlog_type()) of sql/field.h;
 * init_charset_field() counts is_character_field(), i.e.
 * is_character_type (field->real_type()) (STRING, VAR_STRING, VARCHAR,
 * BLOB), and is_enum_or_set_field() for the ENUM/SET variant;
 * init_geometry_type_field() counts is_geometry_field();
 * init_set_str_value_field() and init_enum_str_value_field() the SET and
 * ENUM columns; init_column_name_field() every column;
 * init_primary_key_field() writes column indexes (prefix lengths in
 * characters).  COLUMN_VISIBILITY (8.0.23) has one bit per column (as in
 * the 8.0.26 fixture binlog-invisible-columns.000001);
 * VECTOR_DIMENSIONALITY (9.0) one entry per VECTOR column, and whether
 * 9.0 counts VECTOR in the charset fields was not checked against a
 * MySQL 9 file: if it does, the count check below turns it into an error.
 *
 * MariaDB (10.5 and later; sql/log_event_server.cc): the same
 * init_*_field() functions, but they count by the Binlog_type_info that
 * each Field class's binlog_type_info() returns (sql/field.h, field.cc):
 * init_signedness_field() counts every column whose m_signedness is not
 * SIGN_NOT_APPLICABLE, i.e. every Field_num, and Field_year is a
 * Field_tiny (its bit is set: YEAR is unsigned there); the charset
 * fields count, through is_character_field(), every column with an m_cs
 * and no ENUM/SET typelib, which includes Field_geom (its
 * binlog_type_info() in sql/sql_type_geom.cc passes the binary charset,
 * collation 63) and the fixed binary types of plugins (INET4, INET6,
 * UUID: MYSQL_TYPE_STRING with the binary charset); ENUM and SET are
 * counted through is_enum_or_set_field() by their typelibs.  MariaDB
 * writes no COLUMN_VISIBILITY or VECTOR_DIMENSIONALITY field.
 *
 * Checked on MariaDB 10.11 with a column of each type placed before an
 * UNSIGNED column and before CHAR columns of several charsets
 * (tests/test-metadata-fields.c does it for each row below).
 *
 *   field (type code)             MySQL counts                MariaDB counts
 *   SIGNEDNESS (1)                TINYINT, SMALLINT,          the same and YEAR
 *                                 MEDIUMINT, INT, BIGINT,
 *                                 FLOAT, DOUBLE, DECIMAL
 *   DEFAULT_CHARSET (2),          CHAR, BINARY, VARCHAR,      the same and GEOMETRY
 *   COLUMN_CHARSET (3)            VARBINARY, TEXT, BLOB       (all its subtypes);
 *                                 (JSON is not: its type is   JSON is a LONGTEXT,
 *                                 JSON, nor GEOMETRY)         INET4/INET6/UUID CHARs
 *   ENUM_AND_SET_DEFAULT_CHARSET  ENUM, SET                   ENUM, SET
 *   (10), _COLUMN_CHARSET (11)
 *   ENUM_STR_VALUE (6)            ENUM                        ENUM
 *   SET_STR_VALUE (5)             SET                         SET
 *   GEOMETRY_TYPE (7)             GEOMETRY                    GEOMETRY
 *   COLUMN_NAME (4)               every column                every column
 *   SIMPLE_PRIMARY_KEY (8),       column indexes among all    the same
 *   PRIMARY_KEY_WITH_PREFIX (9)   columns, prefix in chars
 *   COLUMN_VISIBILITY (12)        every column (8.0.23+)      not written
 *   VECTOR_DIMENSIONALITY (13)    VECTOR (9.0+)               not written
 *
 * Never counted anywhere: BIT, the temporal types (old and fractional
 * formats), NULL.  In DEFAULT_CHARSET and its ENUM/SET variant the
 * exceptions' indexes count the same columns as COLUMN_CHARSET does.
 * The YEAR bit of MariaDB is consumed and dropped: YEAR values do not
 * depend on it and information_schema does not call YEAR unsigned.
 *
 * binlog_row_metadata=MINIMAL writes fields 1, 2 or 3, and 7; FULL adds
 * 4, 10 or 11, 5, 6, 8 or 9 (and, on MySQL, 12 and 13); NO_LOG none.
 *
 * A field that lists more or fewer entries than the columns counted here
 * is an error, not a guess: a count that does not match is how a rule
 * that is wrong for some server would show.  Only a DEFAULT_CHARSET read
 * by a rule that counts more columns than the writer's cannot show it.
 */
static gboolean
column_is_counted (const MysqlBinlogColumn *column,
                   guint                    field,
                   MysqlBinlogFlavour       flavour)
{
  switch (field)
    {
    case TM_SIGNEDNESS:
      if (column->type == MYSQL_BINLOG_COLUMN_TYPE_YEAR)
        return flavour == MYSQL_BINLOG_FLAVOUR_MARIADB;
      return _mysql_binlog_column_is_numeric (column);
    case TM_DEFAULT_CHARSET:
    case TM_COLUMN_CHARSET:
      if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY)
        return flavour == MYSQL_BINLOG_FLAVOUR_MARIADB;
      return _mysql_binlog_column_is_character (column);
    case TM_ENUM_AND_SET_DEFAULT_CHARSET:
    case TM_ENUM_AND_SET_COLUMN_CHARSET:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM ||
             column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET;
    case TM_ENUM_STR_VALUE:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM;
    case TM_SET_STR_VALUE:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET;
    case TM_GEOMETRY_TYPE:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY;
    case TM_VECTOR_DIMENSIONALITY:
      return column->real_type == MYSQL_BINLOG_COLUMN_TYPE_VECTOR;
    default:
      return TRUE;
    }
}

static guint
count_columns (const MysqlBinlogTable *table,
               guint                   field,
               MysqlBinlogFlavour      flavour)
{
  guint n = 0;

  for (guint i = 0; i < table->n_columns; i++)
    if (column_is_counted (&table->columns[i], field, flavour))
      n++;
  return n;
}

/* Reads the per-type metadata of the table map into column->meta. */
static gboolean
read_column_meta (MysqlBinlogColumn  *column,
                  const guint8      **p,
                  const guint8       *end)
{
  const guint8 *q = *p;
  gsize n;

  switch (column->type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY:
    case MYSQL_BINLOG_COLUMN_TYPE_JSON:
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
      n = 1;
      if (end - q < 1)
        return FALSE;
      column->meta = q[0];
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
      n = 2;
      if (end - q < 2)
        return FALSE;
      column->meta = _mysql_binlog_le16 (q);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      n = 2;
      if (end - q < 2)
        return FALSE;
      column->meta = _mysql_binlog_le16 (q);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      n = 2;
      if (end - q < 2)
        return FALSE;
      column->meta = _mysql_binlog_be_uint (q, 2);
      break;
    default:
      n = 0;
      column->meta = 0;
      break;
    }

  *p = q + n;
  return TRUE;
}

/* Reads @count length-prefixed strings into @out: as C strings when
 * @as_bytes is FALSE (column names, in the server's UTF-8), otherwise as
 * #GBytes, whole (ENUM and SET members, in their column's own character
 * set, where a NUL byte is part of a character: utf16, ucs2, utf32). */
static gboolean
read_string_list (const guint8 **p,
                  const guint8  *end,
                  guint64        count,
                  gboolean       as_bytes,
                  GPtrArray     *out)
{
  for (guint64 i = 0; i < count; i++)
    {
      guint64 length;

      if (!_mysql_binlog_read_packed_length (p, end, &length))
        return FALSE;
      if (as_bytes)
        g_ptr_array_add (out, g_bytes_new (*p, length));
      else
        g_ptr_array_add (out, g_strndup ((const char *) *p, length));
      *p += length;
    }
  return TRUE;
}

static const char *
field_name (guint field)
{
  switch (field)
    {
    case TM_SIGNEDNESS: return "SIGNEDNESS";
    case TM_DEFAULT_CHARSET: return "DEFAULT_CHARSET";
    case TM_COLUMN_CHARSET: return "COLUMN_CHARSET";
    case TM_COLUMN_NAME: return "COLUMN_NAME";
    case TM_SET_STR_VALUE: return "SET_STR_VALUE";
    case TM_ENUM_STR_VALUE: return "ENUM_STR_VALUE";
    case TM_GEOMETRY_TYPE: return "GEOMETRY_TYPE";
    case TM_SIMPLE_PRIMARY_KEY: return "SIMPLE_PRIMARY_KEY";
    case TM_PRIMARY_KEY_WITH_PREFIX: return "PRIMARY_KEY_WITH_PREFIX";
    case TM_ENUM_AND_SET_DEFAULT_CHARSET: return "ENUM_AND_SET_DEFAULT_CHARSET";
    case TM_ENUM_AND_SET_COLUMN_CHARSET: return "ENUM_AND_SET_COLUMN_CHARSET";
    case TM_COLUMN_VISIBILITY: return "COLUMN_VISIBILITY";
    case TM_VECTOR_DIMENSIONALITY: return "VECTOR_DIMENSIONALITY";
    default: return "unknown";
    }
}

static const char *
flavour_name (MysqlBinlogFlavour flavour)
{
  return flavour == MYSQL_BINLOG_FLAVOUR_MARIADB ? "MariaDB" : "MySQL";
}

static gboolean
set_malformed (GError                 **error,
               const MysqlBinlogTable  *table,
               guint                    field)
{
  return _mysql_binlog_set_corrupt (error, "Table map of %s: malformed %s field in the optional metadata",
                                    table->qualified_name, field_name (field));
}

/* A field whose entries do not match the columns it counts. */
static gboolean
set_mismatch (GError                 **error,
              const MysqlBinlogTable  *table,
              guint                    field,
              MysqlBinlogFlavour       flavour,
              const char              *found)
{
  return _mysql_binlog_set_corrupt (error,
                                    "Table map of %s: the %s field of the optional metadata holds %s, "
                                    "but the table has %u columns that a %s server lists there",
                                    table->qualified_name, field_name (field), found,
                                    count_columns (table, field, flavour), flavour_name (flavour));
}

/* Reads a field of packed integers to its end. */
static gboolean
read_packed_list (const guint8 *p,
                  const guint8 *end,
                  GArray       *values)
{
  while (p < end)
    {
      guint64 value;

      if (!_mysql_binlog_read_packed (&p, end, &value))
        return FALSE;
      g_array_append_val (values, value);
    }
  return TRUE;
}

static void
set_collation (MysqlBinlogColumn *column,
               guint64            collation)
{
  _mysql_binlog_column_set_charset (column, collation <= G_MAXUINT
                                            ? _mysql_binlog_charset_for_collation (collation) : NULL);
}

/* DEFAULT_CHARSET and ENUM_AND_SET_DEFAULT_CHARSET: a default collation,
 * then (index, collation) pairs, the index counting the columns the field
 * covers; COLUMN_CHARSET and ENUM_AND_SET_COLUMN_CHARSET: one collation
 * per column it covers. */
static gboolean
apply_charset_field (MysqlBinlogTable    *table,
                     guint                field,
                     MysqlBinlogFlavour   flavour,
                     const guint8        *p,
                     const guint8        *end,
                     GError             **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint64));
  gboolean with_default = field == TM_DEFAULT_CHARSET || field == TM_ENUM_AND_SET_DEFAULT_CHARSET;
  guint counted = count_columns (table, field, flavour);
  guint index = 0;

  if (!read_packed_list (p, end, values) || (with_default && (values->len == 0 || values->len % 2 != 1)))
    return set_malformed (error, table, field);

  if (!with_default)
    {
      if (values->len != counted)
        {
          g_autofree char *found = g_strdup_printf ("%u collations", values->len);
          return set_mismatch (error, table, field, flavour, found);
        }
      for (guint i = 0; i < table->n_columns; i++)
        if (column_is_counted (&table->columns[i], field, flavour))
          set_collation (&table->columns[i], g_array_index (values, guint64, index++));
      return TRUE;
    }

  {
    g_autofree guint64 *collations = g_new (guint64, MAX (counted, 1));

    for (guint c = 0; c < counted; c++)
      collations[c] = g_array_index (values, guint64, 0);
    for (guint v = 1; v < values->len; v += 2)
      {
        guint64 column_index = g_array_index (values, guint64, v);

        if (column_index >= counted)
          {
            g_autofree char *found = g_strdup_printf ("an exception for column %" G_GUINT64_FORMAT " of them",
                                                      column_index + 1);
            return set_mismatch (error, table, field, flavour, found);
          }
        collations[column_index] = g_array_index (values, guint64, v + 1);
      }
    for (guint i = 0; i < table->n_columns; i++)
      if (column_is_counted (&table->columns[i], field, flavour))
        set_collation (&table->columns[i], collations[index++]);
  }
  return TRUE;
}

static gboolean
parse_optional_metadata (MysqlBinlogTable       *table,
                         MysqlBinlogFlavour      flavour,
                         const guint8           *p,
                         const guint8           *end,
                         MysqlBinlogTableNeeds  *needs,
                         GError                **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) enum_values = NULL;
  g_autoptr(GPtrArray) set_values = NULL;
  g_autoptr(GArray) enum_counts = NULL;
  g_autoptr(GArray) set_counts = NULL;
  gboolean have_signedness = FALSE, have_charsets = FALSE, have_primary_key = FALSE;
  gboolean have_geometry_types = FALSE;

  while (p < end)
    {
      guint8 type = *p++;
      guint64 length;
      const guint8 *field, *field_end;

      if (!_mysql_binlog_read_packed_length (&p, end, &length))
        return _mysql_binlog_set_corrupt (error, "Table map of %s: truncated optional metadata",
                                          table->qualified_name);
      field = p;
      field_end = p + length;
      p = field_end;

      switch (type)
        {
        case TM_SIGNEDNESS:
          {
            guint counted = count_columns (table, type, flavour);
            guint bit = 0;

            /* One bit per counted column, most significant first, in
             * whole bytes. */
            if ((gsize) (field_end - field) != (counted + 7) / 8)
              {
                g_autofree char *found = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes of bits",
                                                          (gsize) (field_end - field));
                return set_mismatch (error, table, type, flavour, found);
              }
            for (guint i = 0; i < table->n_columns; i++)
              {
                MysqlBinlogColumn *column = &table->columns[i];
                gboolean is_unsigned;

                if (!column_is_counted (column, type, flavour))
                  continue;
                is_unsigned = (field[bit / 8] >> (7 - bit % 8)) & 1;
                bit++;
                /* MariaDB's YEAR bit (set) says nothing about its values. */
                if (_mysql_binlog_column_is_numeric (column))
                  column->is_unsigned = is_unsigned;
              }
            have_signedness = TRUE;
          }
          break;
        case TM_DEFAULT_CHARSET:
        case TM_COLUMN_CHARSET:
          if (!apply_charset_field (table, type, flavour, field, field_end, error))
            return FALSE;
          have_charsets = TRUE;
          break;
        case TM_ENUM_AND_SET_DEFAULT_CHARSET:
        case TM_ENUM_AND_SET_COLUMN_CHARSET:
          if (!apply_charset_field (table, type, flavour, field, field_end, error))
            return FALSE;
          break;
        case TM_COLUMN_NAME:
          g_clear_pointer (&names, g_ptr_array_unref);
          names = g_ptr_array_new_with_free_func (g_free);
          if (!read_string_list (&field, field_end, table->n_columns, FALSE, names))
            return set_malformed (error, table, type);
          if (field != field_end)
            return set_mismatch (error, table, type, flavour, "more names");
          break;
        case TM_ENUM_STR_VALUE:
        case TM_SET_STR_VALUE:
          {
            GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
            GArray *counts = g_array_new (FALSE, FALSE, sizeof (guint));

            if (type == TM_ENUM_STR_VALUE)
              {
                g_clear_pointer (&enum_values, g_ptr_array_unref);
                g_clear_pointer (&enum_counts, g_array_unref);
                enum_values = values;
                enum_counts = counts;
              }
            else
              {
                g_clear_pointer (&set_values, g_ptr_array_unref);
                g_clear_pointer (&set_counts, g_array_unref);
                set_values = values;
                set_counts = counts;
              }
            while (field < field_end)
              {
                guint64 count;
                guint c;

                if (!_mysql_binlog_read_packed (&field, field_end, &count) || count > 65535)
                  return set_malformed (error, table, type);
                c = count;
                g_array_append_val (counts, c);
                if (!read_string_list (&field, field_end, count, TRUE, values))
                  return set_malformed (error, table, type);
              }
            if (counts->len != count_columns (table, type, flavour))
              {
                g_autofree char *found = g_strdup_printf ("%u member lists", counts->len);
                return set_mismatch (error, table, type, flavour, found);
              }
          }
          break;
        case TM_GEOMETRY_TYPE:
        case TM_VECTOR_DIMENSIONALITY:
          {
            g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint64));
            guint index = 0;

            if (!read_packed_list (field, field_end, values))
              return set_malformed (error, table, type);
            if (values->len != count_columns (table, type, flavour))
              {
                g_autofree char *found = g_strdup_printf ("%u entries", values->len);
                return set_mismatch (error, table, type, flavour, found);
              }
            for (guint i = 0; i < table->n_columns; i++)
              {
                MysqlBinlogColumn *column = &table->columns[i];
                guint64 value;

                if (!column_is_counted (column, type, flavour))
                  continue;
                value = g_array_index (values, guint64, index++);
                if (value > G_MAXUINT32)
                  return set_malformed (error, table, type);
                if (type == TM_GEOMETRY_TYPE)
                  column->geometry_type = value;
                else
                  column->vector_dimensions = value;
              }
            if (type == TM_GEOMETRY_TYPE)
              have_geometry_types = TRUE;
          }
          break;
        case TM_SIMPLE_PRIMARY_KEY:
        case TM_PRIMARY_KEY_WITH_PREFIX:
          while (field < field_end)
            {
              guint64 index, prefix = 0;

              if (!_mysql_binlog_read_packed (&field, field_end, &index) || index >= table->n_columns)
                return set_malformed (error, table, type);
              if (type == TM_PRIMARY_KEY_WITH_PREFIX &&
                  (!_mysql_binlog_read_packed (&field, field_end, &prefix) || prefix > G_MAXUINT16))
                return set_malformed (error, table, type);
              table->columns[index].is_primary_key = TRUE;
              table->columns[index].key_prefix = prefix;
            }
          have_primary_key = TRUE;
          break;
        case TM_COLUMN_VISIBILITY:
          if ((gsize) (field_end - field) != (table->n_columns + 7) / 8)
            {
              g_autofree char *found = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes of bits",
                                                        (gsize) (field_end - field));
              return set_mismatch (error, table, type, flavour, found);
            }
          /* One bit per column, most significant first: 1 is visible. */
          for (guint i = 0; i < table->n_columns; i++)
            table->columns[i].is_invisible = !((field[i / 8] >> (7 - i % 8)) & 1);
          break;
        default:
          /* Fields of newer servers. */
          break;
        }
    }

  if (names != NULL && names->len == table->n_columns)
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          const char *name = g_ptr_array_index (names, i);
          g_free (table->columns[i].name);
          table->columns[i].name = g_utf8_validate (name, -1, NULL)
                                   ? g_strdup (name) : g_utf8_make_valid (name, -1);
        }
    }
  else
    *needs |= MYSQL_BINLOG_TABLE_NEEDS_NAMES;

  /* binlog_row_metadata=FULL writes the column names and, when the table
   * has one, its primary key: with the names, no key listed means none. */
  if (have_primary_key || (names != NULL && names->len == table->n_columns))
    table->primary_key_known = TRUE;
  else
    *needs |= MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY;

  if (!have_signedness)
    for (guint i = 0; i < table->n_columns; i++)
      if (_mysql_binlog_column_is_numeric (&table->columns[i]))
        {
          *needs |= MYSQL_BINLOG_TABLE_NEEDS_SIGNEDNESS;
          break;
        }

  if (!have_charsets)
    for (guint i = 0; i < table->n_columns; i++)
      if (_mysql_binlog_column_is_character (&table->columns[i]))
        {
          *needs |= MYSQL_BINLOG_TABLE_NEEDS_CHARSETS;
          break;
        }

  /* Without it a POINT column would pass for a GEOMETRY one. */
  if (!have_geometry_types && count_columns (table, TM_GEOMETRY_TYPE, flavour) > 0)
    *needs |= MYSQL_BINLOG_TABLE_NEEDS_GEOMETRY_TYPES;

  /* Member names, in each ENUM/SET column's own charset. */
  {
    guint enum_index = 0, set_index = 0, enum_offset = 0, set_offset = 0;
    gboolean missing = FALSE;

    for (guint i = 0; i < table->n_columns; i++)
      {
        MysqlBinlogColumn *column = &table->columns[i];
        GPtrArray *values;
        GArray *counts;
        guint *index, *offset, count;

        if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM)
          values = enum_values, counts = enum_counts, index = &enum_index, offset = &enum_offset;
        else if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET)
          values = set_values, counts = set_counts, index = &set_index, offset = &set_offset;
        else
          continue;

        if (values == NULL || *index >= counts->len)
          {
            missing = TRUE;
            continue;
          }
        count = g_array_index (counts, guint, *index);
        (*index)++;
        if (*offset + count > values->len)
          return set_malformed (error, table, column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM
                                              ? TM_ENUM_STR_VALUE : TM_SET_STR_VALUE);
        column->members = g_new0 (char *, count + 1);
        column->n_members = count;
        for (guint m = 0; m < count; m++)
          {
            GBytes *raw = g_ptr_array_index (values, *offset + m);
            gsize length;
            const guint8 *data = g_bytes_get_data (raw, &length);

            column->members[m] = _mysql_binlog_column_to_utf8 (column, data, length);
          }
        *offset += count;
      }
    if (missing)
      *needs |= MYSQL_BINLOG_TABLE_NEEDS_MEMBERS;
  }

  return TRUE;
}

MysqlBinlogTable *
_mysql_binlog_table_map_parse (guint64                 table_id,
                               const guint8           *body,
                               gsize                   body_length,
                               MysqlBinlogFlavour      flavour,
                               MysqlBinlogTableNeeds  *needs,
                               GError                **error)
{
  const guint8 *p = body;
  const guint8 *end = body + body_length;
  const guint8 *types, *meta, *meta_end, *null_bitmap;
  g_autofree char *schema = NULL;
  g_autofree char *name = NULL;
  g_autoptr(MysqlBinlogTable) table = NULL;
  guint64 n_columns, meta_length;
  guint8 length;

  if (p >= end || (length = *p++, (gsize) (end - p) < (gsize) length + 1))
    goto truncated;
  schema = g_utf8_make_valid ((const char *) p, length);
  p += length + 1;
  if (p >= end || (length = *p++, (gsize) (end - p) < (gsize) length + 1))
    goto truncated;
  name = g_utf8_make_valid ((const char *) p, length);
  p += length + 1;

  if (!_mysql_binlog_read_packed (&p, end, &n_columns) || n_columns == 0 || n_columns > 4096 ||
      n_columns > (guint64) (end - p))
    goto truncated;
  types = p;
  p += n_columns;
  if (!_mysql_binlog_read_packed_length (&p, end, &meta_length))
    goto truncated;
  meta = p;
  meta_end = p + meta_length;
  p = meta_end;
  if ((gsize) (end - p) < (n_columns + 7) / 8)
    goto truncated;
  null_bitmap = p;
  p += (n_columns + 7) / 8;

  table = _mysql_binlog_table_new (table_id, schema, name, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      MysqlBinlogColumn *column = &table->columns[i];

      column->type = types[i];
      if (!read_column_meta (column, &meta, meta_end))
        {
          _mysql_binlog_set_corrupt (error, "Table map of %s: the metadata of column %u is truncated",
                                     table->qualified_name, i + 1);
          return NULL;
        }
      _mysql_binlog_column_resolve_real_type (column);
      column->nullable = (null_bitmap[i / 8] >> (i % 8)) & 1;
      column->name = g_strdup_printf ("@%u", i + 1);
    }

  *needs = 0;
  table->flavour = flavour;
  if (!parse_optional_metadata (table, flavour, p, end, needs, error))
    return NULL;

  /* MariaDB before 10.1.2, and later ones with mysql56_temporal_format=OFF,
   * store TIME(n), DATETIME(n) and TIMESTAMP(n) with n > 0 in "hires"
   * formats of their own (Field_time_hires, Field_datetime_hires,
   * Field_timestamp_hires in sql/field.cc), which the table map logs
   * under the old type codes with no metadata at all, exactly like the
   * real old formats of TIME, DATETIME and TIMESTAMP without fraction:
   * their values are longer (TIME(2) takes 4 bytes, not 3), and nothing
   * in the binary log says how many fractional digits a column has, not
   * even with binlog_row_metadata=FULL.  Only information_schema does
   * (DATETIME_PRECISION).  MySQL 5.6 and later never log fractional
   * columns under the old codes, so theirs are the old formats. */
  if (flavour == MYSQL_BINLOG_FLAVOUR_MARIADB)
    for (guint i = 0; i < n_columns; i++)
      {
        MysqlBinlogColumn *column = &table->columns[i];

        if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_TIME ||
            column->real_type == MYSQL_BINLOG_COLUMN_TYPE_DATETIME ||
            column->real_type == MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP)
          {
            column->precision_unknown = TRUE;
            *needs |= MYSQL_BINLOG_TABLE_NEEDS_TEMPORAL_PRECISION;
          }
      }

  table->map_body = g_bytes_new (body, body_length);
  return g_steal_pointer (&table);

truncated:
  _mysql_binlog_set_corrupt (error, "Truncated table map event (table id %" G_GUINT64_FORMAT ")", table_id);
  return NULL;
}
