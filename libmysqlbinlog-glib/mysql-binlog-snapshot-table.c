/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* A table as a snapshot reads it: its definition as a MariaDB table map
 * would carry it, and each row of a SELECT put back into a binlog row
 * image, which the row code decodes as it decodes the binary log's.
 *
 * Each column is selected in a form whose text gives its stored bytes
 * exactly (the connection sends results without conversion):
 *
 *   integers, DECIMAL, DATE, TIME, DATETIME, YEAR   the column's own text
 *   DOUBLE                                          its text (shortest
 *                                                   round trip)
 *   FLOAT                                           CAST AS DOUBLE (its own
 *                                                   text has 6 digits)
 *   TIMESTAMP                                       UNIX_TIMESTAMP(), in UTC
 *   ENUM, SET, BIT                                  col+0, the stored number
 *   INET4, INET6, UUID                              CAST AS BINARY(n), the
 *                                                   bytes the binlog carries
 *                                                   (UUID: in the order of
 *                                                   its text, not the
 *                                                   swapped one its record
 *                                                   may hold)
 *   strings, BLOB, JSON (MariaDB), GEOMETRY         the stored bytes
 *
 * Types whose logged bytes no SELECT gives (MySQL's binary JSON; VECTOR)
 * are refused with MYSQL_BINLOG_ERROR_UNSUPPORTED rather than read
 * wrong. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-definition-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-snapshot-table-private.h"
#include "mysql-binlog-name-private.h"

typedef enum {
  READ_INTEGER,    /* signed or unsigned text, little-endian of size bytes */
  READ_FLOAT,
  READ_DOUBLE,
  READ_DECIMAL,
  READ_YEAR,
  READ_DATE,
  READ_TIME,
  READ_DATETIME,
  READ_TIMESTAMP,
  READ_BIT,        /* a number, big-endian of size bytes */
  READ_PACKED,     /* ENUM, SET: a number, little-endian of size bytes */
  READ_FIXED,      /* CHAR, BINARY, INET: length prefix of 1 or 2 bytes */
  READ_VARYING,    /* VARCHAR: length prefix of 1 or 2 bytes */
  READ_BLOB,       /* BLOB, TEXT, JSON, GEOMETRY: length prefix of size bytes */
} ReadKind;

typedef struct
{
  ReadKind kind;
  guint size;
  char *expression;   /* in the SELECT list */
  char *literal_charset;  /* character columns: the introducer of a key literal */
  char *collation;
} ColumnPlan;

struct _MysqlBinlogSnapshotTable
{
  MysqlBinlogTable *table;
  ColumnPlan *plans;
  char *from;            /* `schema`.`name` */
  guint n_key;
  guint *key;            /* column indexes, in the key's order */
  char *order_by;
  gint32 *framing;       /* _mysql_binlog_row_framing() of table */
  guint8 *present;       /* every column present, for the row images */

  /* The row images are written one after the other into blocks of
   * BLOCK_SIZE bytes (or one of its own for a larger row), as the rows of
   * the binary log lie in their event: a row holds its block.  Only the
   * part after block_used is written, which no row refers to. */
  GBytes *block;
  guint8 *block_data;
  gsize block_used;
  MysqlBinlogRow *reuse; /* the last row, given back once delivered */
};

#define BLOCK_SIZE 8192

static char *
quote_identifier (const char *name)
{
  GString *out = g_string_new ("`");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '`')
        g_string_append_c (out, '`');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '`');
  return g_string_free (out, FALSE);
}

void
_mysql_binlog_snapshot_table_free (MysqlBinlogSnapshotTable *table)
{
  if (table == NULL)
    return;
  for (guint i = 0; table->plans != NULL && i < table->table->n_columns; i++)
    {
      g_free (table->plans[i].expression);
      g_free (table->plans[i].literal_charset);
      g_free (table->plans[i].collation);
    }
  g_free (table->plans);
  _mysql_binlog_table_unref (table->table);
  g_free (table->from);
  g_free (table->key);
  g_free (table->order_by);
  g_free (table->framing);
  g_free (table->present);
  g_clear_pointer (&table->reuse, mysql_binlog_row_unref);
  g_clear_pointer (&table->block, g_bytes_unref);
  g_free (table);
}

MysqlBinlogTable *
_mysql_binlog_snapshot_table_get (MysqlBinlogSnapshotTable *table)
{
  return table->table;
}

gboolean
_mysql_binlog_snapshot_table_has_key (MysqlBinlogSnapshotTable *table)
{
  return table->n_key > 0;
}

guint
_mysql_binlog_snapshot_table_n_key (MysqlBinlogSnapshotTable *table)
{
  return table->n_key;
}

const guint *
_mysql_binlog_snapshot_table_key_columns (MysqlBinlogSnapshotTable *table)
{
  return table->key;
}

static gint64
number (GPtrArray *row,
        guint      index)
{
  const char *text = g_ptr_array_index (row, index);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static const char *
text_at (GPtrArray *row,
         guint      index)
{
  return g_ptr_array_index (row, index);
}

static gboolean
unsupported (GError    **error,
             const char *qualified,
             const char *column,
             const char *type,
             const char *why)
{
  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
               "Cannot read the existing rows of %s: column %s is of type %s, %s",
               qualified, column, type, why);
  return FALSE;
}

/* The type code, metadata word and reading of one column, as the table
 * map of a MariaDB server gives the first two. */
static gboolean
plan_column (MysqlBinlogSnapshotTable  *self,
             guint                      i,
             GPtrArray                 *row,
             GError                   **error)
{
  MysqlBinlogColumn *column = &self->table->columns[i];
  ColumnPlan *plan = &self->plans[i];
  const char *name = text_at (row, 0);
  const char *data_type = text_at (row, 1);
  const char *column_type = text_at (row, 2);
  gint64 octets = number (row, 3);
  gint64 precision = number (row, 4);
  gint64 scale = number (row, 5);
  gint64 fsp = MAX (number (row, 6), 0);
  const char *charset = text_at (row, 7);
  const char *collation = text_at (row, 8);
  g_autofree char *quoted = quote_identifier (name);
  const char *qualified = self->table->qualified_name;

  column->nullable = g_strcmp0 (text_at (row, 9), "YES") == 0;
  plan->expression = g_strdup (quoted);

  if (g_str_equal (data_type, "tinyint") || g_str_equal (data_type, "smallint") ||
      g_str_equal (data_type, "mediumint") || g_str_equal (data_type, "int") ||
      g_str_equal (data_type, "bigint"))
    {
      static const struct { const char *name; guint8 type; guint size; } ints[] = {
        { "tinyint", MYSQL_BINLOG_COLUMN_TYPE_TINY, 1 },
        { "smallint", MYSQL_BINLOG_COLUMN_TYPE_SHORT, 2 },
        { "mediumint", MYSQL_BINLOG_COLUMN_TYPE_INT24, 3 },
        { "int", MYSQL_BINLOG_COLUMN_TYPE_LONG, 4 },
        { "bigint", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG, 8 },
      };

      for (guint k = 0; k < G_N_ELEMENTS (ints); k++)
        if (g_str_equal (data_type, ints[k].name))
          {
            column->type = ints[k].type;
            plan->size = ints[k].size;
          }
      plan->kind = READ_INTEGER;
    }
  else if (g_str_equal (data_type, "float"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_FLOAT;
      column->meta = 4;
      plan->kind = READ_FLOAT;
      g_free (plan->expression);
      plan->expression = g_strdup_printf ("CAST(%s AS DOUBLE)", quoted);
    }
  else if (g_str_equal (data_type, "double"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_DOUBLE;
      column->meta = 8;
      plan->kind = READ_DOUBLE;
    }
  else if (g_str_equal (data_type, "decimal"))
    {
      if (_mysql_binlog_decimal_size (precision, scale) < 0)
        return unsupported (error, qualified, name, column_type, "which has no binary form");
      column->type = MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL;
      column->meta = (precision << 8) | scale;
      plan->kind = READ_DECIMAL;
    }
  else if (g_str_equal (data_type, "year"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_YEAR;
      plan->kind = READ_YEAR;
    }
  else if (g_str_equal (data_type, "date"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_DATE;
      plan->kind = READ_DATE;
    }
  else if (g_str_equal (data_type, "time"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_TIME2;
      column->meta = fsp;
      plan->kind = READ_TIME;
    }
  else if (g_str_equal (data_type, "datetime"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_DATETIME2;
      column->meta = fsp;
      plan->kind = READ_DATETIME;
    }
  else if (g_str_equal (data_type, "timestamp"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2;
      column->meta = fsp;
      plan->kind = READ_TIMESTAMP;
      g_free (plan->expression);
      plan->expression = g_strdup_printf ("UNIX_TIMESTAMP(%s)", quoted);
    }
  else if (g_str_equal (data_type, "bit"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_BIT;
      column->meta = ((precision / 8) << 8) | (precision % 8);
      plan->kind = READ_BIT;
      plan->size = precision / 8 + (precision % 8 != 0);
      g_free (plan->expression);
      plan->expression = g_strdup_printf ("%s+0", quoted);
    }
  else if (g_str_equal (data_type, "enum") || g_str_equal (data_type, "set"))
    {
      gboolean is_enum = g_str_equal (data_type, "enum");
      guint n_members = 0;

      /* The members, counted as information_schema quotes them. */
      for (const char *p = strchr (column_type, '('); p != NULL && *p != '\0' && *p != ')'; )
        {
          if (*p == '\'')
            {
              n_members++;
              for (p++; *p != '\0'; p++)
                if (*p == '\'' && p[1] == '\'')
                  p++;
                else if (*p == '\\' && p[1] != '\0')
                  p++;
                else if (*p == '\'')
                  break;
              if (*p == '\0')
                break;
            }
          p++;
        }
      if (is_enum)
        plan->size = n_members < 256 ? 1 : 2;
      else
        plan->size = (n_members + 7) / 8 > 4 ? 8 : MAX ((n_members + 7) / 8, 1);
      column->type = MYSQL_BINLOG_COLUMN_TYPE_STRING;
      column->meta = ((is_enum ? MYSQL_BINLOG_COLUMN_TYPE_ENUM : MYSQL_BINLOG_COLUMN_TYPE_SET) << 8) |
                     plan->size;
      plan->kind = READ_PACKED;
      g_free (plan->expression);
      plan->expression = g_strdup_printf ("%s+0", quoted);
    }
  else if (g_str_equal (data_type, "char") || g_str_equal (data_type, "binary") ||
           g_str_equal (data_type, "inet4") || g_str_equal (data_type, "inet6") ||
           g_str_equal (data_type, "uuid"))
    {
      guint length = octets >= 0 ? octets : 0;

      /* MariaDB's fixed-size binary types: a binary cast gives the value
       * in its memory form, the bytes the binary log carries (for UUID,
       * those of its text, in that order, whatever order the record
       * stores its groups in). */
      if (g_str_equal (data_type, "inet4") || g_str_equal (data_type, "inet6") ||
          g_str_equal (data_type, "uuid"))
        {
          length = g_str_equal (data_type, "inet4") ? 4 : 16;
          g_free (plan->expression);
          plan->expression = g_strdup_printf ("CAST(%s AS BINARY(%u))", quoted, length);
        }
      if (length > 1023)
        return unsupported (error, qualified, name, column_type, "longer than a CHAR can be");
      column->type = MYSQL_BINLOG_COLUMN_TYPE_STRING;
      column->meta = ((MYSQL_BINLOG_COLUMN_TYPE_STRING ^ ((length & 0x300) >> 4)) << 8) |
                     (length & 0xff);
      plan->kind = READ_FIXED;
      plan->size = length > 255 ? 2 : 1;
    }
  else if (g_str_equal (data_type, "varchar") || g_str_equal (data_type, "varbinary"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_VARCHAR;
      column->meta = octets;
      plan->kind = READ_VARYING;
      plan->size = octets > 255 ? 2 : 1;
    }
  else if (g_str_has_suffix (data_type, "blob") || g_str_has_suffix (data_type, "text") ||
           (g_str_equal (data_type, "json") && self->table->flavour == MYSQL_BINLOG_FLAVOUR_MARIADB))
    {
      guint prefix = g_str_has_prefix (data_type, "tiny") ? 1
                   : g_str_has_prefix (data_type, "medium") ? 3
                   : g_str_has_prefix (data_type, "long") || g_str_equal (data_type, "json") ? 4
                   : 2;

      column->type = MYSQL_BINLOG_COLUMN_TYPE_BLOB;
      column->meta = prefix;
      plan->kind = READ_BLOB;
      plan->size = prefix;
    }
  else if (g_str_equal (data_type, "geometry") || g_str_equal (data_type, "point") ||
           g_str_equal (data_type, "linestring") || g_str_equal (data_type, "polygon") ||
           g_str_equal (data_type, "multipoint") || g_str_equal (data_type, "multilinestring") ||
           g_str_equal (data_type, "multipolygon") ||
           g_str_equal (data_type, "geometrycollection") ||
           g_str_equal (data_type, "geomcollection"))
    {
      column->type = MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY;
      column->meta = 4;
      plan->kind = READ_BLOB;
      plan->size = 4;
    }
  else
    return unsupported (error, qualified, name, column_type,
                        "which this version cannot read exactly");

  if (plan->kind == READ_FIXED || plan->kind == READ_VARYING || plan->kind == READ_BLOB)
    {
      if (charset != NULL && collation != NULL)
        {
          plan->literal_charset = g_strdup (charset);
          plan->collation = g_strdup (collation);
        }
    }
  _mysql_binlog_column_resolve_real_type (column);
  return TRUE;
}

/* What information_schema says now of @table: a snapshot reads the table
 * as it is now, so today's definition is the one, provided it still
 * matches the columns planned from it. */
static gboolean
complete_from_server (MysqlBinlogMetadata    *metadata,
                      MysqlBinlogTable       *table,
                      MysqlBinlogTableNeeds   needs,
                      GError                **error)
{
  g_autoptr(MysqlBinlogDefinition) definition = NULL;
  g_autofree char *disagreement = NULL;

  definition = _mysql_binlog_metadata_fetch (metadata, table->schema, table->name, error);
  if (definition == NULL)
    return FALSE;
  if (definition->n_columns == 0)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "Table %s no longer exists", table->qualified_name);
      return FALSE;
    }
  disagreement = _mysql_binlog_definition_check (definition, table);
  if (disagreement != NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Table %s changed while its snapshot was prepared: %s",
                   table->qualified_name, disagreement);
      return FALSE;
    }
  return _mysql_binlog_definition_apply (definition, table, needs, error);
}

MysqlBinlogSnapshotTable *
_mysql_binlog_snapshot_table_load (MysqlBinlogTransport  *transport,
                                   MysqlBinlogMetadata   *metadata,
                                   const char            *schema,
                                   const char            *name,
                                   GError               **error)
{
  g_autofree char *schema_literal = _mysql_binlog_transport_quote (transport, schema);
  g_autofree char *name_literal = _mysql_binlog_transport_quote (transport, name);
  g_autofree char *sql = NULL;
  g_autofree char *quoted_schema = quote_identifier (schema);
  g_autofree char *quoted_name = quote_identifier (name);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) key_rows = NULL;
  g_autoptr(GString) order_by = g_string_new (NULL);
  MysqlBinlogSnapshotTable *self;
  gboolean usable_key = TRUE;

  sql = g_strdup_printf ("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_OCTET_LENGTH, "
                         "NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, "
                         "CHARACTER_SET_NAME, COLLATION_NAME, IS_NULLABLE "
                         "FROM information_schema.COLUMNS "
                         "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s "
                         "ORDER BY ORDINAL_POSITION", schema_literal, name_literal);
  if (!_mysql_binlog_transport_query (transport, sql, &rows, error))
    return NULL;
  if (rows->len == 0)
    {
      g_autofree char *qualified_name = _mysql_binlog_name_qualify (schema, name);

      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "Cannot read the existing rows of %s: the server has no such table "
                   "(or the account may not see it)", qualified_name);
      return NULL;
    }
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS "
                         "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s AND INDEX_NAME = 'PRIMARY' "
                         "ORDER BY SEQ_IN_INDEX", schema_literal, name_literal);
  if (!_mysql_binlog_transport_query (transport, sql, &key_rows, error))
    return NULL;

  self = g_new0 (MysqlBinlogSnapshotTable, 1);
  self->table = _mysql_binlog_table_new (0, schema, name, rows->len);
  self->table->flavour = MYSQL_BINLOG_FLAVOUR_MARIADB;
  self->table->wanted = TRUE;
  self->plans = g_new0 (ColumnPlan, rows->len);
  self->from = g_strdup_printf ("%s.%s", quoted_schema, quoted_name);
  for (guint i = 0; i < rows->len; i++)
    if (!plan_column (self, i, g_ptr_array_index (rows, i), error))
      {
        _mysql_binlog_snapshot_table_free (self);
        return NULL;
      }

  /* Names, signedness, character sets, members and the primary key, as
   * for the table map of a server that does not log them. */
  if (!complete_from_server (metadata, self->table,
                             MYSQL_BINLOG_TABLE_NEEDS_NAMES |
                             MYSQL_BINLOG_TABLE_NEEDS_SIGNEDNESS |
                             MYSQL_BINLOG_TABLE_NEEDS_CHARSETS |
                             MYSQL_BINLOG_TABLE_NEEDS_MEMBERS |
                             MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY |
                             MYSQL_BINLOG_TABLE_NEEDS_GEOMETRY_TYPES, error))
    {
      _mysql_binlog_snapshot_table_free (self);
      return NULL;
    }

  /* The key the chunks walk: whole columns of the types whose literals
   * compare as the column does. */
  self->key = g_new0 (guint, key_rows->len + 1);
  for (guint k = 0; k < key_rows->len && usable_key; k++)
    {
      GPtrArray *row = g_ptr_array_index (key_rows, k);
      guint i;

      for (i = 0; i < self->table->n_columns; i++)
        if (g_strcmp0 (self->table->columns[i].name, text_at (row, 0)) == 0)
          break;
      if (i == self->table->n_columns || text_at (row, 1) != NULL ||
          self->plans[i].kind == READ_BLOB ||
          (self->plans[i].kind == READ_FIXED &&
           g_str_has_prefix (self->plans[i].expression, "CAST(")))
        {
          usable_key = FALSE;
          break;
        }
      self->key[self->n_key++] = i;
      if (k > 0)
        g_string_append (order_by, ", ");
      {
        g_autofree char *column = quote_identifier (self->table->columns[i].name);

        g_string_append (order_by, column);
      }
    }
  if (!usable_key)
    self->n_key = 0;
  self->order_by = g_string_free (g_steal_pointer (&order_by), FALSE);
  self->framing = g_new (gint32, self->table->n_columns);
  _mysql_binlog_row_framing (self->table, self->framing);
  self->present = g_malloc ((self->table->n_columns + 7) / 8);
  memset (self->present, 0xff, (self->table->n_columns + 7) / 8);
  return self;
}

static void
append_hex (GString      *out,
            const guint8 *data,
            gsize         length)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02X", data[i]);
}

/* A literal of @value that compares with column @i as its value does. */
static void
append_key_literal (MysqlBinlogSnapshotTable *self,
                    GString                  *out,
                    guint                     i,
                    GBytes                   *value)
{
  const ColumnPlan *plan = &self->plans[i];
  gsize length;
  const guint8 *data = g_bytes_get_data (value, &length);

  switch (plan->kind)
    {
    case READ_INTEGER:
    case READ_DECIMAL:
    case READ_BIT:
    case READ_PACKED:
    case READ_YEAR:
      /* Digits, a sign and a point: checked when the token is read. */
      g_string_append_len (out, (const char *) data, length);
      break;
    case READ_FLOAT:
    case READ_DOUBLE:
      g_string_append_len (out, (const char *) data, length);
      if (memchr (data, 'e', length) == NULL)
        g_string_append (out, "e0");
      break;
    case READ_TIMESTAMP:
      g_string_append (out, "FROM_UNIXTIME(");
      g_string_append_len (out, (const char *) data, length);
      g_string_append_c (out, ')');
      break;
    case READ_DATE:
    case READ_TIME:
    case READ_DATETIME:
      g_string_append_c (out, '\'');
      g_string_append_len (out, (const char *) data, length);
      g_string_append_c (out, '\'');
      break;
    default:
      if (plan->literal_charset != NULL)
        g_string_append_printf (out, "_%s ", plan->literal_charset);
      g_string_append (out, "X'");
      append_hex (out, data, length);
      g_string_append_c (out, '\'');
      if (plan->collation != NULL)
        g_string_append_printf (out, " COLLATE %s", plan->collation);
      break;
    }
}

char *
_mysql_binlog_snapshot_table_select (MysqlBinlogSnapshotTable *self,
                                     GPtrArray                *after,
                                     guint                     limit)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < self->table->n_columns; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, self->plans[i].expression);
    }
  g_string_append_printf (sql, " FROM %s", self->from);
  if (self->n_key > 0 && after != NULL)
    {
      g_string_append_printf (sql, " WHERE (%s) > (", self->order_by);
      for (guint k = 0; k < self->n_key; k++)
        {
          if (k > 0)
            g_string_append (sql, ", ");
          append_key_literal (self, sql, self->key[k], g_ptr_array_index (after, k));
        }
      g_string_append_c (sql, ')');
    }
  if (self->n_key > 0)
    g_string_append_printf (sql, " ORDER BY %s", self->order_by);
  if (self->n_key > 0 && limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);
  return g_string_free (sql, FALSE);
}

/* {{{ Values into row image bytes */

/* A row image being written into memory reserved for it: a value takes
 * at most VALUE_MAX_FIXED bytes besides the payload of a string. */
typedef struct
{
  guint8 *data;
  gsize len;
} Out;

#define VALUE_MAX_FIXED 40
/* Longer than the text of any number, date or time the server prints. */
#define NUMBER_TEXT_MAX 128

static inline void
put_le (Out     *out,
        guint64  value,
        guint    size)
{
  for (guint i = 0; i < size; i++)
    out->data[out->len++] = value >> (8 * i);
}

static inline void
put_be (Out     *out,
        guint64  value,
        guint    size)
{
  for (guint i = size; i > 0; i--)
    out->data[out->len++] = value >> (8 * (i - 1));
}

static inline void
put_bytes (Out        *out,
           const char *data,
           gsize       length)
{
  memcpy (out->data + out->len, data, length);
  out->len += length;
}

/* Parses all of @text as a number of the form the server prints: an
 * optional minus sign (not for @is_unsigned), then decimal digits, whose
 * value fits 64 bits. */
static gboolean
parse_int (const char *text,
           gboolean    is_unsigned,
           guint64    *value)
{
  gboolean negative = *text == '-';
  guint64 v = 0;

  if (negative)
    {
      if (is_unsigned)
        return FALSE;
      text++;
    }
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    {
      guint digit = (guchar) *text - '0';

      if (digit > 9 || v > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      v = v * 10 + digit;
    }
  if (is_unsigned)
    *value = v;
  else if (negative)
    {
      if (v > (guint64) G_MAXINT64 + 1)
        return FALSE;
      *value = (guint64) 0 - v;
    }
  else
    {
      if (v > (guint64) G_MAXINT64)
        return FALSE;
      *value = v;
    }
  return TRUE;
}

/* Whether @value (signed as @is_unsigned says) fits @size bytes. */
static gboolean
fits (guint64  value,
      gboolean is_unsigned,
      guint    size)
{
  if (size >= 8)
    return TRUE;
  if (is_unsigned)
    return value < (G_GUINT64_CONSTANT (1) << (8 * size));
  return (gint64) value >= -((gint64) 1 << (8 * size - 1)) &&
         (gint64) value < ((gint64) 1 << (8 * size - 1));
}

/* "[-]digits[.digits]" into DECIMAL(precision, scale)'s binary form. */
static gboolean
put_decimal (Out        *out,
             const char *text,
             guint       precision,
             guint       scale)
{
  static const guint8 group_bytes[10] = { 0, 1, 1, 2, 2, 3, 3, 4, 4, 4 };
  gboolean negative = *text == '-';
  const char *digits = negative ? text + 1 : text;
  const char *point = strchr (digits, '.');
  gsize int_length = point != NULL ? (gsize) (point - digits) : strlen (digits);
  const char *fraction = point != NULL ? point + 1 : "";
  guint intg = precision - scale;
  char ints[66];
  char fracs[66];
  guint start = out->len;
  guint32 mask = negative ? 0xFFFFFFFF : 0;
  guint pos = 0;

  if (precision > 65 || scale > precision || int_length > intg || strlen (fraction) > scale)
    return FALSE;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && p != point)
      return FALSE;
  memset (ints, '0', intg);
  memcpy (ints + intg - int_length, digits, int_length);
  memset (fracs, '0', scale);
  memcpy (fracs, fraction, strlen (fraction));

  /* The integer part: its leading digits, then groups of nine. */
  if (intg % 9 != 0)
    {
      guint n = intg % 9;
      guint32 group = 0;

      for (guint d = 0; d < n; d++)
        group = group * 10 + (ints[pos++] - '0');
      put_be (out, (group ^ mask), group_bytes[n]);
    }
  while (pos < intg)
    {
      guint32 group = 0;

      for (guint d = 0; d < 9; d++)
        group = group * 10 + (ints[pos++] - '0');
      put_be (out, group ^ mask, 4);
    }
  /* The fraction: groups of nine, then its last digits. */
  pos = 0;
  while (scale - pos >= 9)
    {
      guint32 group = 0;

      for (guint d = 0; d < 9; d++)
        group = group * 10 + (fracs[pos++] - '0');
      put_be (out, group ^ mask, 4);
    }
  if (pos < scale)
    {
      guint n = scale - pos;
      guint32 group = 0;

      for (guint d = 0; d < n; d++)
        group = group * 10 + (fracs[pos++] - '0');
      put_be (out, group ^ mask, group_bytes[n]);
    }
  if (out->len > start)
    out->data[start] ^= 0x80;
  return TRUE;
}

/* The microseconds of ".ffffff" (at most six digits) at *@p. */
static gboolean
parse_fraction (const char **p,
                guint32     *micro)
{
  guint digits = 0;

  *micro = 0;
  if (**p != '.')
    return TRUE;
  for ((*p)++; g_ascii_isdigit (**p) && digits < 6; (*p)++, digits++)
    *micro = *micro * 10 + (**p - '0');
  if (g_ascii_isdigit (**p))
    return FALSE;
  for (; digits < 6; digits++)
    *micro *= 10;
  return TRUE;
}

/* The fraction of a TIME2, DATETIME2 or TIMESTAMP2 after its integer
 * part, for @fsp digits: @frac is signed for a negative TIME2. */
static void
put_temporal_fraction (Out        *out,
                       gint64      frac,
                       guint       fsp)
{
  switch (fsp)
    {
    case 1:
    case 2:
      put_be (out, (guint64) (frac / 10000), 1);
      break;
    case 3:
    case 4:
      put_be (out, (guint64) (frac / 100), 2);
      break;
    case 5:
    case 6:
      put_be (out, (guint64) frac, 3);
      break;
    default:
      break;
    }
}

static gboolean
put_time (Out        *out,
          const char *text,
          guint       fsp)
{
  gboolean negative = *text == '-';
  const char *p = negative ? text + 1 : text;
  guint64 hours, minutes, seconds;
  guint32 micro;
  gint64 packed;
  char *end;

  hours = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  minutes = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  seconds = g_ascii_strtoull (p, &end, 10);
  if (end == p)
    return FALSE;
  p = end;
  if (!parse_fraction (&p, &micro) || *p != '\0')
    return FALSE;

  packed = (gint64) (((hours << 12) | (minutes << 6) | seconds) << 24) + micro;
  if (negative)
    packed = -packed;
  if (fsp >= 5)
    {
      put_be (out, (guint64) (packed + ((gint64) 0x800000 << 24)), 6);
      return TRUE;
    }
  {
    /* As MySQL's my_time_packed_to_binary(): the integer part rounded
     * down, the fraction signed (a negative value with a fraction has
     * borrowed one from its integer part). */
    gint64 int_part = packed >> 24;
    gint64 frac = packed % ((gint64) 1 << 24);

    put_be (out, (guint64) (int_part + 0x800000), 3);
    put_temporal_fraction (out, frac, fsp);
  }
  return TRUE;
}

static gboolean
parse_date (const char **p,
            guint       *year,
            guint       *month,
            guint       *day)
{
  char *end;

  *year = g_ascii_strtoull (*p, &end, 10);
  if (end == *p || *end != '-')
    return FALSE;
  *p = end + 1;
  *month = g_ascii_strtoull (*p, &end, 10);
  if (end == *p || *end != '-')
    return FALSE;
  *p = end + 1;
  *day = g_ascii_strtoull (*p, &end, 10);
  if (end == *p)
    return FALSE;
  *p = end;
  return *year <= 9999 && *month <= 12 && *day <= 31;
}

static gboolean
put_datetime (Out        *out,
              const char *text,
              guint       fsp)
{
  const char *p = text;
  guint year, month, day;
  guint64 hours = 0, minutes = 0, seconds = 0;
  guint32 micro = 0;
  guint64 ymd, hms;
  char *end;

  if (!parse_date (&p, &year, &month, &day) || *p != ' ')
    return FALSE;
  p++;
  hours = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  minutes = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  seconds = g_ascii_strtoull (p, &end, 10);
  if (end == p)
    return FALSE;
  p = end;
  if (!parse_fraction (&p, &micro) || *p != '\0')
    return FALSE;

  ymd = (((guint64) year * 13 + month) << 5) | day;
  hms = (hours << 12) | (minutes << 6) | seconds;
  put_be (out, ((ymd << 17) | hms) + G_GUINT64_CONSTANT (0x8000000000), 5);
  put_temporal_fraction (out, micro, fsp);
  return TRUE;
}

static gboolean
put_value (MysqlBinlogSnapshotTable *self,
           guint                     i,
           Out                      *out,
           const char               *text,
           gsize                     length)
{
  const MysqlBinlogColumn *column = &self->table->columns[i];
  const ColumnPlan *plan = &self->plans[i];
  char copy[NUMBER_TEXT_MAX];
  guint64 number;

  /* Numbers, dates and times are parsed from a NUL-terminated copy of
   * their text (none holds a NUL); bytes may hold NULs and are taken by
   * length. */
  if (plan->kind < READ_FIXED)
    {
      if (length >= sizeof copy || memchr (text, '\0', length) != NULL)
        return FALSE;
      memcpy (copy, text, length);
      copy[length] = '\0';
    }

  switch (plan->kind)
    {
    case READ_INTEGER:
      if (!parse_int (copy, column->is_unsigned, &number) ||
          !fits (number, column->is_unsigned, plan->size))
        return FALSE;
      put_le (out, number, plan->size);
      return TRUE;
    case READ_FLOAT:
    case READ_DOUBLE:
      {
        char *end = NULL;
        double d = g_ascii_strtod (copy, &end);

        if (end == copy || *end != '\0')
          return FALSE;
        if (plan->kind == READ_FLOAT)
          {
            float f = (float) d;
            guint32 bits;

            if ((double) f != d)
              return FALSE;
            memcpy (&bits, &f, 4);
            put_le (out, bits, 4);
          }
        else
          {
            guint64 bits;

            memcpy (&bits, &d, 8);
            put_le (out, bits, 8);
          }
        return TRUE;
      }
    case READ_DECIMAL:
      return put_decimal (out, copy, column->meta >> 8, column->meta & 0xff);
    case READ_YEAR:
      if (!parse_int (copy, TRUE, &number) || (number != 0 && (number < 1901 || number > 2155)))
        return FALSE;
      put_le (out, number == 0 ? 0 : number - 1900, 1);
      return TRUE;
    case READ_DATE:
      {
        const char *p = copy;
        guint year, month, day;

        if (!parse_date (&p, &year, &month, &day) || *p != '\0')
          return FALSE;
        put_le (out, (year << 9) | (month << 5) | day, 3);
        return TRUE;
      }
    case READ_TIME:
      return put_time (out, copy, column->meta);
    case READ_DATETIME:
      return put_datetime (out, copy, column->meta);
    case READ_TIMESTAMP:
      {
        const char *p;
        char *end = NULL;
        guint32 micro;

        number = g_ascii_strtoull (copy, &end, 10);
        if (end == copy || number > G_MAXUINT32)
          return FALSE;
        p = end;
        if (!parse_fraction (&p, &micro) || *p != '\0')
          return FALSE;
        put_be (out, number, 4);
        put_temporal_fraction (out, micro, column->meta);
        return TRUE;
      }
    case READ_BIT:
      if (!parse_int (copy, TRUE, &number) || !fits (number, TRUE, plan->size))
        return FALSE;
      put_be (out, number, plan->size);
      return TRUE;
    case READ_PACKED:
      if (!parse_int (copy, TRUE, &number) || !fits (number, TRUE, plan->size))
        return FALSE;
      put_le (out, number, plan->size);
      return TRUE;
    case READ_FIXED:
      if (length > _mysql_binlog_column_string_max_length (column))
        return FALSE;
      put_le (out, length, plan->size);
      put_bytes (out, text, length);
      return TRUE;
    case READ_VARYING:
      if (length > column->meta)
        return FALSE;
      put_le (out, length, plan->size);
      put_bytes (out, text, length);
      return TRUE;
    case READ_BLOB:
      if (plan->size < 4 && length >= ((gsize) 1 << (8 * plan->size)))
        return FALSE;
      put_le (out, length, plan->size);
      put_bytes (out, text, length);
      return TRUE;
    }
  return FALSE;
}

MysqlBinlogRow *
_mysql_binlog_snapshot_table_build_row (MysqlBinlogSnapshotTable  *self,
                                        char                     **values,
                                        const gulong              *lengths,
                                        guint32                    timestamp,
                                        GError                   **error)
{
  MysqlBinlogTable *table = self->table;
  guint n = table->n_columns;
  guint bitmap = (n + 7) / 8;
  gsize room = bitmap;
  Out out;
  const guint8 *cursor, *end;
  MysqlBinlogRow *row;

  for (guint i = 0; i < n; i++)
    room += VALUE_MAX_FIXED + (values[i] != NULL ? lengths[i] : 0);
  if (self->block == NULL || self->block_used + room > g_bytes_get_size (self->block))
    {
      gsize size = MAX (BLOCK_SIZE, room);

      g_clear_pointer (&self->reuse, mysql_binlog_row_unref);
      g_clear_pointer (&self->block, g_bytes_unref);
      self->block_data = g_malloc (size);
      self->block = g_bytes_new_take (self->block_data, size);
      self->block_used = 0;
    }
  out.data = self->block_data + self->block_used;
  out.len = bitmap;
  memset (out.data, 0, bitmap);
  for (guint i = 0; i < n; i++)
    {
      if (values[i] == NULL)
        {
          out.data[i / 8] |= 1 << (i % 8);
          continue;
        }
      if (!put_value (self, i, &out, values[i], lengths[i]))
        {
          g_autofree char *shown = g_strndup (values[i], MIN (lengths[i], 64));

          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "Reading the existing rows of %s: the server gave column %s a value "
                       "that its type cannot hold (“%s”): the table may have changed",
                       table->qualified_name, table->columns[i].name,
                       g_utf8_make_valid (shown, -1));
          return NULL;
        }
    }
  g_assert (out.len <= room);

  cursor = out.data;
  end = cursor + out.len;
  row = _mysql_binlog_row_build_reusing (table, self->block, self->framing, self->present, n,
                                         timestamp, FALSE, g_steal_pointer (&self->reuse),
                                         &cursor, end, error);
  if (row != NULL && cursor != end)
    {
      mysql_binlog_row_unref (row);
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Reading the existing rows of %s: a row image was not read to its end",
                   table->qualified_name);
      return NULL;
    }
  if (row != NULL)
    self->block_used += out.len;
  return row;
}

void
_mysql_binlog_snapshot_table_give_back (MysqlBinlogSnapshotTable *self,
                                        MysqlBinlogRow           *row)
{
  g_clear_pointer (&self->reuse, mysql_binlog_row_unref);
  self->reuse = row;
}

/* }}} */
