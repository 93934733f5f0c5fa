/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-definition-private.h"
#include "mysql-binlog-error.h"

MysqlBinlogDefinition *
_mysql_binlog_definition_new (guint n_columns)
{
  MysqlBinlogDefinition *definition = g_new0 (MysqlBinlogDefinition, 1);

  g_atomic_ref_count_init (&definition->ref_count);
  definition->n_columns = n_columns;
  definition->columns = g_new0 (MysqlBinlogColumnDefinition, MAX (n_columns, 1));
  for (guint i = 0; i < n_columns; i++)
    {
      definition->columns[i].geometry_type = -1;
      definition->columns[i].datetime_precision = -1;
      definition->columns[i].octet_length = -1;
      definition->columns[i].numeric_precision = -1;
      definition->columns[i].numeric_scale = -1;
    }
  return definition;
}

MysqlBinlogDefinition *
_mysql_binlog_definition_ref (MysqlBinlogDefinition *definition)
{
  g_atomic_ref_count_inc (&definition->ref_count);
  return definition;
}

void
_mysql_binlog_column_definition_clear (MysqlBinlogColumnDefinition *column)
{
  g_clear_pointer (&column->name, g_free);
  g_clear_pointer (&column->data_type, g_free);
  g_clear_pointer (&column->charset, g_free);
  g_clear_pointer (&column->members, g_strfreev);
  g_clear_pointer (&column->members_error, g_free);
}

void
_mysql_binlog_column_definition_copy (MysqlBinlogColumnDefinition       *to,
                                      const MysqlBinlogColumnDefinition *from)
{
  *to = *from;
  to->name = g_strdup (from->name);
  to->data_type = g_strdup (from->data_type);
  to->charset = g_strdup (from->charset);
  to->members = g_strdupv (from->members);
  to->members_error = g_strdup (from->members_error);
}

void
_mysql_binlog_definition_unref (MysqlBinlogDefinition *definition)
{
  if (definition == NULL || !g_atomic_ref_count_dec (&definition->ref_count))
    return;
  for (guint i = 0; i < definition->n_columns; i++)
    _mysql_binlog_column_definition_clear (&definition->columns[i]);
  g_free (definition->columns);
  g_free (definition->default_charset);
  g_free (definition->untimed_engine);
  g_free (definition);
}

MysqlBinlogDefinition *
_mysql_binlog_definition_copy (const MysqlBinlogDefinition *definition)
{
  MysqlBinlogDefinition *copy = _mysql_binlog_definition_new (definition->n_columns);

  for (guint i = 0; i < definition->n_columns; i++)
    _mysql_binlog_column_definition_copy (&copy->columns[i], &definition->columns[i]);
  copy->default_charset = g_strdup (definition->default_charset);
  copy->written_at = definition->written_at;
  copy->written_at_unknown = definition->written_at_unknown;
  copy->untimed_engine = g_strdup (definition->untimed_engine);
  return copy;
}
/* The members of "enum('a','b''c')" or "set(...)", as information_schema
 * writes them: quotes doubled, backslash escapes as in SHOW CREATE TABLE. */
char **
_mysql_binlog_definition_parse_members (const char *column_type)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  const char *p = strchr (column_type, '(');

  if (p == NULL)
    return NULL;
  p++;
  while (*p == '\'')
    {
      g_autoptr(GString) member = g_string_new (NULL);

      p++;
      for (;;)
        {
          if (*p == '\0')
            return NULL;
          if (*p == '\'' && p[1] == '\'')
            {
              g_string_append_c (member, '\'');
              p += 2;
            }
          else if (*p == '\'')
            {
              p++;
              break;
            }
          else if (*p == '\\' && p[1] != '\0')
            {
              switch (p[1])
                {
                case '0': g_string_append_c (member, '\0'); break;
                case 'n': g_string_append_c (member, '\n'); break;
                case 'r': g_string_append_c (member, '\r'); break;
                case 'Z': g_string_append_c (member, '\032'); break;
                default: g_string_append_c (member, p[1]); break;
                }
              p += 2;
            }
          else
            {
              g_string_append_c (member, *p++);
            }
        }
      g_ptr_array_add (members, g_string_free (g_steal_pointer (&member), FALSE));
      if (*p == ',')
        p++;
    }
  g_ptr_array_add (members, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&members), FALSE);
}

/* The geometry type code of the table map's GEOMETRY_TYPE field for the
 * COLUMN_TYPE information_schema gives a spatial column ("point", ...;
 * MySQL 8 spells GEOMETRYCOLLECTION "geomcollection"), or -1. */
gint
_mysql_binlog_definition_geometry_type (const char *column_type)
{
  static const char * const names[] = {
    "geometry", "point", "linestring", "polygon", "multipoint",
    "multilinestring", "multipolygon", "geometrycollection",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (column_type, names[i]) == 0)
      return i;
  if (g_ascii_strcasecmp (column_type, "geomcollection") == 0)
    return 7;
  return -1;
}


/*
 * Whether a definition (information_schema's, or one that DDL statements
 * gave) is the one the table map was written for.  The table map says
 * little: a type code per column and a few bytes of metadata (lengths,
 * precisions); applying
 * names, signedness and character sets of another definition would give
 * values under wrong names or wrong values, so every column's code and
 * metadata must agree with its DATA_TYPE and numbers:
 *
 *   table map code            DATA_TYPE                  also compared
 *   TINY SHORT INT24 LONG     tinyint (BOOLEAN too)...
 *   LONGLONG                  ...smallint mediumint int bigint
 *   FLOAT DOUBLE              float double
 *   NEWDECIMAL, DECIMAL       decimal                    precision, scale
 *   YEAR DATE NEWDATE         year date date
 *   TIME2 DATETIME2           time datetime              fractional digits
 *   TIMESTAMP2                timestamp                  fractional digits
 *   TIME DATETIME TIMESTAMP   time datetime timestamp    MySQL: 0 digits
 *   BIT                       bit                        number of bits
 *   ENUM, SET (as STRING)     enum, set                  pack length from
 *                                                        the members
 *   STRING                    char binary                octet length
 *   VARCHAR VAR_STRING        varchar varbinary          octet length
 *   BLOB (length prefix 1-4)  tinyblob tinytext, blob text, mediumblob
 *                             mediumtext, longblob longtext (MariaDB's
 *                             JSON is a longtext)
 *   GEOMETRY                  geometry point ... geomcollection
 *   JSON VECTOR               json vector
 *
 * A DATA_TYPE not listed (MariaDB's type plugins: inet4, inet6, uuid,
 * vector...) agrees with the codes those are logged under: STRING,
 * VARCHAR, VAR_STRING and BLOB.  Generated and invisible columns are
 * listed by information_schema and logged like the others.
 *
 * Returns NULL when the column agrees, otherwise what disagrees.
 */
static const char * const blob_types[5][2] = {
  { NULL, NULL },
  { "tinyblob", "tinytext" },
  { "blob", "text" },
  { "mediumblob", "mediumtext" },
  { "longblob", "longtext" },
};

static const char * const known_data_types[] = {
  "tinyint", "smallint", "mediumint", "int", "bigint", "float", "double", "decimal",
  "year", "date", "time", "datetime", "timestamp", "bit", "enum", "set", "char",
  "binary", "varchar", "varbinary", "tinyblob", "tinytext", "blob", "text",
  "mediumblob", "mediumtext", "longblob", "longtext", "geometry", "point",
  "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
  "geometrycollection", "geomcollection", "json",
};

/* The information_schema DATA_TYPE of the types whose name is all there
 * is to compare, by type code. */
static const char * const plain_data_types[256] = {
  [MYSQL_BINLOG_COLUMN_TYPE_TINY] = "tinyint",
  [MYSQL_BINLOG_COLUMN_TYPE_SHORT] = "smallint",
  [MYSQL_BINLOG_COLUMN_TYPE_INT24] = "mediumint",
  [MYSQL_BINLOG_COLUMN_TYPE_LONG] = "int",
  [MYSQL_BINLOG_COLUMN_TYPE_LONGLONG] = "bigint",
  [MYSQL_BINLOG_COLUMN_TYPE_FLOAT] = "float",
  [MYSQL_BINLOG_COLUMN_TYPE_DOUBLE] = "double",
  [MYSQL_BINLOG_COLUMN_TYPE_DECIMAL] = "decimal",
  [MYSQL_BINLOG_COLUMN_TYPE_YEAR] = "year",
  [MYSQL_BINLOG_COLUMN_TYPE_DATE] = "date",
  [MYSQL_BINLOG_COLUMN_TYPE_NEWDATE] = "date",
  [MYSQL_BINLOG_COLUMN_TYPE_JSON] = "json",
  [MYSQL_BINLOG_COLUMN_TYPE_VECTOR] = "vector",
};

static gboolean
is_one_of (const char *data_type,
           const char *a,
           const char *b)
{
  return g_strcmp0 (data_type, a) == 0 || (b != NULL && g_strcmp0 (data_type, b) == 0);
}

static char *
check_column (const MysqlBinlogColumn           *column,
              const MysqlBinlogColumnDefinition *info)
{
  const char *data_type = info->data_type != NULL ? info->data_type : "";
  gboolean known = FALSE;
  gboolean agrees;

  for (guint k = 0; k < G_N_ELEMENTS (known_data_types) && !known; k++)
    known = strcmp (data_type, known_data_types[k]) == 0;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
      if (!is_one_of (data_type, "decimal", NULL))
        agrees = FALSE;
      else if (info->numeric_precision != column->meta >> 8 ||
               info->numeric_scale != (column->meta & 0xff))
        return g_strdup_printf ("the table map has a DECIMAL(%u,%u), the definition a "
                                "DECIMAL(%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ")",
                                column->meta >> 8, column->meta & 0xff,
                                info->numeric_precision, info->numeric_scale);
      else
        agrees = TRUE;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
      {
        const char *name;
        gint64 digits = info->datetime_precision < 0 ? 0 : info->datetime_precision;
        gboolean old = FALSE;

        switch (column->real_type)
          {
          case MYSQL_BINLOG_COLUMN_TYPE_TIME:
            old = TRUE;
            G_GNUC_FALLTHROUGH;
          case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
            name = "time";
            break;
          case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
            old = TRUE;
            G_GNUC_FALLTHROUGH;
          case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
            name = "datetime";
            break;
          case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
            old = TRUE;
            G_GNUC_FALLTHROUGH;
          default:
            name = "timestamp";
            break;
          }
        agrees = is_one_of (data_type, name, NULL);
        if (!agrees)
          break;
        /* The old codes of MariaDB carry no digits: the definition
         * gives them (see _mysql_binlog_definition_apply). */
        if (old && column->precision_unknown)
          break;
        if (digits != (old ? 0 : column->meta))
          return g_strdup_printf ("the table map has a %s with %u fractional digits, "
                                  "the definition one with %" G_GINT64_FORMAT,
                                  name, old ? 0 : column->meta, digits);
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      if (!is_one_of (data_type, "bit", NULL))
        agrees = FALSE;
      else if (info->numeric_precision != (column->meta >> 8) * 8 + (column->meta & 0xff))
        return g_strdup_printf ("the table map has a BIT(%u), the definition a "
                                "BIT(%" G_GINT64_FORMAT ")",
                                (column->meta >> 8) * 8 + (column->meta & 0xff),
                                info->numeric_precision);
      else
        agrees = TRUE;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      {
        gboolean is_enum = column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM;
        guint n_members = info->members != NULL ? g_strv_length (info->members) : 0;
        guint pack_length;

        agrees = is_one_of (data_type, is_enum ? "enum" : "set", NULL);
        if (!agrees)
          break;
        /* The server's pack lengths: 1 or 2 bytes for an ENUM, one bit
         * per member rounded up to 1, 2, 3, 4 or 8 bytes for a SET. */
        if (is_enum)
          pack_length = n_members < 256 ? 1 : 2;
        else
          pack_length = (n_members + 7) / 8 > 4 ? 8 : (n_members + 7) / 8;
        if (info->members != NULL && pack_length != (column->meta & 0xff))
          return g_strdup_printf ("the table map has a %s of %u bytes, the definition "
                                  "one of %u members", is_enum ? "ENUM" : "SET",
                                  column->meta & 0xff, n_members);
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
      {
        gboolean fixed = column->real_type == MYSQL_BINLOG_COLUMN_TYPE_STRING;
        guint max_length = fixed ? _mysql_binlog_column_string_max_length (column) : column->meta;

        if (!known)
          {
            agrees = TRUE;
            break;
          }
        agrees = fixed ? is_one_of (data_type, "char", "binary")
                       : is_one_of (data_type, "varchar", "varbinary");
        /* A DDL statement whose character set was not known leaves the
         * length in bytes unknown too. */
        if (agrees && info->octet_length >= 0 && info->octet_length != max_length)
          return g_strdup_printf ("the table map has a %s of %u bytes, the definition "
                                  "one of %" G_GINT64_FORMAT, fixed ? "CHAR" : "VARCHAR",
                                  max_length, info->octet_length);
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
      if (!known)
        agrees = TRUE;
      else
        agrees = column->meta >= 1 && column->meta <= 4 &&
                 (is_one_of (data_type, blob_types[column->meta][0], blob_types[column->meta][1]) ||
                  /* MariaDB's JSON, as a CREATE TABLE names it */
                  (column->meta == 4 && is_one_of (data_type, "json", NULL)));
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY:
      agrees = _mysql_binlog_definition_geometry_type (data_type) >= 0;
      break;
    default:
      /* A type that has a name and nothing more to compare, or a code
       * this version cannot decode anyway (NULL, MariaDB's compressed
       * columns), whose rows fail on their own. */
      agrees = plain_data_types[column->real_type] == NULL ||
               is_one_of (data_type, plain_data_types[column->real_type], NULL);
      break;
    }

  if (agrees)
    return NULL;
  return g_strdup_printf ("the table map has type code %u (metadata %u), the definition "
                          "a column of type %s", column->type, column->meta,
                          data_type[0] != '\0' ? data_type : "(none)");
}

char *
_mysql_binlog_definition_check (const MysqlBinlogDefinition *definition,
                                const MysqlBinlogTable      *table)
{
  if (definition->n_columns != table->n_columns)
    return g_strdup_printf ("the table map has %u columns, the definition %u",
                            table->n_columns, definition->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autofree char *disagreement = check_column (&table->columns[i], &definition->columns[i]);

      if (disagreement != NULL)
        return g_strdup_printf ("column %u, %s: %s", i + 1, definition->columns[i].name,
                                disagreement);
    }
  return NULL;
}

gboolean
_mysql_binlog_definition_apply (const MysqlBinlogDefinition *definition,
                                MysqlBinlogTable            *table,
                                MysqlBinlogTableNeeds        needs,
                                GError                     **error)
{
  g_assert (definition->n_columns == table->n_columns);

  /* Everything that can fail first, so that a table is left as it was. */
  for (guint i = 0; i < table->n_columns; i++)
    {
      const MysqlBinlogColumnDefinition *info = &definition->columns[i];
      const MysqlBinlogColumn *column = &table->columns[i];

      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_MEMBERS) && column->members == NULL &&
          info->members_error != NULL &&
          (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM ||
           column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "The members of column %u, %s, of %s are not known: %s.  Set "
                       "binlog_row_metadata=FULL on the server so that it logs them",
                       i + 1, info->name, table->qualified_name, info->members_error);
          return FALSE;
        }
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_CHARSETS) && _mysql_binlog_column_is_character (column) &&
          info->data_type != NULL && info->charset == NULL &&
          (g_str_has_suffix (info->data_type, "char") || g_str_has_suffix (info->data_type, "text") ||
           g_str_equal (info->data_type, "enum") || g_str_equal (info->data_type, "set")))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "The character set of column %u, %s, of %s is not known",
                       i + 1, info->name, table->qualified_name);
          return FALSE;
        }
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_TEMPORAL_PRECISION) && column->precision_unknown &&
          (info->datetime_precision < 0 || info->datetime_precision > 6))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "Column %u, %s, of %s has %" G_GINT64_FORMAT " fractional digits in its "
                       "definition", i + 1, info->name, table->qualified_name,
                       info->datetime_precision);
          return FALSE;
        }
    }

  /* A definition describes each column by its position, so nothing here
   * is counted the way the table map's fields are: a YEAR column is never
   * UNSIGNED (neither is it in a table map, whose MariaDB YEAR bit the
   * decoder drops) and GEOMETRY columns take their declared type, as from
   * a GEOMETRY_TYPE field, and no character set (their values are bytes
   * either way). */
  for (guint i = 0; i < table->n_columns; i++)
    {
      const MysqlBinlogColumnDefinition *info = &definition->columns[i];
      MysqlBinlogColumn *column = &table->columns[i];

      if (needs & MYSQL_BINLOG_TABLE_NEEDS_NAMES)
        {
          g_free (column->name);
          column->name = g_strdup (info->name);
        }
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_SIGNEDNESS) && _mysql_binlog_column_is_numeric (column))
        column->is_unsigned = info->is_unsigned;
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_CHARSETS) && _mysql_binlog_column_is_character (column))
        _mysql_binlog_column_set_charset (column, info->charset != NULL ? info->charset : "binary");
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_MEMBERS) && column->members == NULL &&
          info->members != NULL &&
          (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM ||
           column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET))
        {
          guint n_members = g_strv_length (info->members);

          /* Valid UTF-8 once here, so that values need no check. */
          column->members = g_new0 (char *, n_members + 1);
          column->n_members = n_members;
          for (guint m = 0; m < n_members; m++)
            column->members[m] = g_utf8_make_valid (info->members[m], -1);
        }
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_GEOMETRY_TYPES) &&
          column->real_type == MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY && info->geometry_type >= 0)
        column->geometry_type = info->geometry_type;
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_TEMPORAL_PRECISION) && column->precision_unknown)
        {
          column->meta = info->datetime_precision;
          column->precision_unknown = FALSE;
        }
      if (needs & MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY)
        {
          /* A definition does not say how long a key prefix is. */
          column->is_primary_key = info->is_primary_key;
          column->key_prefix = 0;
        }
    }
  if (needs & MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY)
    table->primary_key_known = TRUE;
  return TRUE;
}
