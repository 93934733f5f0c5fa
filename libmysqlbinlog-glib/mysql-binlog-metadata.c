/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-metadata-private.h"
#include "mysql-binlog-name-private.h"
#include "mysql-binlog-error.h"

struct _MysqlBinlogMetadata
{
  char                 *host;
  guint                 port;
  char                 *user;
  char                 *password;
  char                 *socket;
  guint                 connect_timeout;
  guint                 read_timeout;
  MysqlBinlogTlsOptions *tls;
  MysqlBinlogTransport *transport;
  GHashTable           *cache;   /* qualified name → MysqlBinlogDefinition */
};

MysqlBinlogMetadata *
_mysql_binlog_metadata_new (const MysqlBinlogConnectOptions *options)
{
  MysqlBinlogMetadata *metadata = g_new0 (MysqlBinlogMetadata, 1);

  metadata->host = g_strdup (options->host);
  metadata->port = options->port;
  metadata->user = g_strdup (options->user);
  metadata->password = g_strdup (options->password);
  metadata->socket = g_strdup (options->socket);
  metadata->connect_timeout = options->connect_timeout;
  metadata->read_timeout = options->read_timeout;
  metadata->tls = _mysql_binlog_tls_options_copy (options->tls);
  metadata->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) _mysql_binlog_definition_unref);
  return metadata;
}

void
_mysql_binlog_metadata_free (MysqlBinlogMetadata *metadata)
{
  if (metadata == NULL)
    return;
  g_clear_pointer (&metadata->transport, _mysql_binlog_transport_free);
  g_hash_table_unref (metadata->cache);
  g_free (metadata->host);
  g_free (metadata->user);
  if (metadata->password != NULL)
    memset (metadata->password, 0, strlen (metadata->password));
  g_free (metadata->password);
  g_free (metadata->socket);
  _mysql_binlog_tls_options_free (metadata->tls);
  g_free (metadata);
}

void
_mysql_binlog_metadata_invalidate (MysqlBinlogMetadata *metadata)
{
  g_hash_table_remove_all (metadata->cache);
}

/* Field @index of an information_schema row as a number, -1 for NULL. */
static gint64
parse_number (GPtrArray *row,
              guint      index)
{
  const char *text = index < row->len ? g_ptr_array_index (row, index) : NULL;
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return -1;
  return value;
}

/* Whether text of the character set can hold characters beyond U+FFFF. */
static gboolean
charset_has_supplementary (const char *charset)
{
  static const char * const names[] = { "utf8mb4", "utf16", "utf16le", "utf32", "gb18030" };

  for (guint i = 0; charset != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (charset, names[i]) == 0)
      return TRUE;
  return FALSE;
}

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

static void
connect_options (MysqlBinlogMetadata       *metadata,
                 MysqlBinlogConnectOptions *options)
{
  *options = (MysqlBinlogConnectOptions) {
    .host = metadata->host,
    .port = metadata->port,
    .user = metadata->user,
    .password = metadata->password,
    .socket = metadata->socket,
    .connect_timeout = metadata->connect_timeout,
    .read_timeout = metadata->read_timeout,
    .tls = metadata->tls,
  };
}

/* A member as information_schema shows it: each character beyond U+FFFF
 * as '?'. */
static char *
as_utf8mb3 (const char *member)
{
  GString *out = g_string_new (NULL);

  for (const char *p = member; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c > 0xFFFF)
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/*
 * information_schema holds column definitions in utf8mb3: MariaDB shows
 * each character of an ENUM or SET member beyond U+FFFF as '?' there, and
 * so does SHOW CREATE TABLE.  Where a member of a column whose character
 * set has such characters shows a '?', the members are read again from a
 * variable of the column's type (MariaDB's TYPE OF, in an anonymous
 * compound statement, which writes nothing), set to each member's number
 * in turn.  The statement's final status would leave the shared
 * connection out of step with its queries, so it runs on one of its own.
 *
 * Returns the members, which information_schema's must be as_utf8mb3() of,
 * or NULL with @error set.
 */
static char **
fetch_members_exactly (MysqlBinlogMetadata     *metadata,
                       const char              *table_schema,
                       const char              *table_name,
                       const char              *column_name,
                       gboolean                 is_enum,
                       char           * const  *shown,
                       GError                 **error)
{
  MysqlBinlogConnectOptions options;
  MysqlBinlogTransport *transport;
  g_autofree char *schema = quote_identifier (table_schema);
  g_autofree char *name = quote_identifier (table_name);
  g_autofree char *column = quote_identifier (column_name);
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  guint n_members = g_strv_length ((char **) shown);
  const char *result;
  gboolean ok;

  connect_options (metadata, &options);
  transport = _mysql_binlog_transport_connect (&options, error);
  if (transport == NULL)
    return NULL;
  _mysql_binlog_transport_set_read_timeout (transport, metadata->read_timeout);
  sql = g_strdup_printf ("BEGIN NOT ATOMIC "
                         "DECLARE v TYPE OF %s.%s.%s; "
                         "DECLARE r LONGTEXT CHARACTER SET ascii DEFAULT ''; "
                         "DECLARE i BIGINT UNSIGNED DEFAULT 0; "
                         "WHILE i < %u DO "
                         "SET v = %s; "
                         "SET r = CONCAT(r, HEX(CONVERT(v USING utf8mb4)), ','); "
                         "SET i = i + 1; "
                         "END WHILE; "
                         "SELECT r; "
                         "END",
                         schema, name, column, n_members,
                         is_enum ? "i + 1" : "CAST(1 AS UNSIGNED) << i");
  ok = _mysql_binlog_transport_query (transport, sql, &rows, error);
  _mysql_binlog_transport_free (transport);
  if (!ok)
    return NULL;

  result = rows->len == 1 && ((GPtrArray *) rows->pdata[0])->len == 1
           ? g_ptr_array_index ((GPtrArray *) rows->pdata[0], 0) : NULL;
  parts = g_strsplit (result != NULL ? result : "", ",", -1);
  if (g_strv_length (parts) != n_members + 1)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                   "The server read %u members where information_schema lists %u",
                   g_strv_length (parts) - 1, n_members);
      return NULL;
    }
  for (guint m = 0; m < n_members; m++)
    {
      gsize length = strlen (parts[m]);
      g_autofree char *text = g_malloc (length / 2 + 1);
      g_autofree char *as_shown = NULL;
      gsize k;

      for (k = 0; 2 * k + 1 < length; k++)
        {
          gint hi = g_ascii_xdigit_value (parts[m][2 * k]);
          gint lo = g_ascii_xdigit_value (parts[m][2 * k + 1]);

          if (hi < 0 || lo < 0)
            break;
          text[k] = (char) (hi << 4 | lo);
        }
      text[k] = '\0';
      if (2 * k != length || !g_utf8_validate (text, k, NULL) ||
          g_strcmp0 (as_shown = as_utf8mb3 (text), shown[m]) != 0)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                       "Member %u as the server reads it does not match information_schema's",
                       m + 1);
          return NULL;
        }
      g_ptr_array_add (members, g_steal_pointer (&text));
    }
  g_ptr_array_add (members, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&members), FALSE);
}

static gboolean
ensure_connected (MysqlBinlogMetadata  *metadata,
                  GError              **error)
{
  MysqlBinlogConnectOptions options;

  if (metadata->transport != NULL)
    return TRUE;
  connect_options (metadata, &options);
  metadata->transport = _mysql_binlog_transport_connect (&options, error);
  if (metadata->transport == NULL)
    return FALSE;
  /* A query may take as long as the replica connection may be silent. */
  _mysql_binlog_transport_set_read_timeout (metadata->transport, metadata->read_timeout);
  return TRUE;
}

static gboolean
query (MysqlBinlogMetadata  *metadata,
       const char           *sql,
       GPtrArray           **rows,
       GError              **error)
{
  if (!ensure_connected (metadata, error))
    return FALSE;
  if (!_mysql_binlog_transport_query (metadata->transport, sql, rows, error))
    {
      /* A broken metadata connection is reopened on the next query. */
      g_clear_pointer (&metadata->transport, _mysql_binlog_transport_free);
      return FALSE;
    }
  return TRUE;
}

/* When the table's definition was last written, its collation's
 * character set, whether it is system-versioned (MariaDB) and its engine;
 * FALSE with @error set when the query failed. */
static gboolean
fetch_table (MysqlBinlogMetadata  *metadata,
             const char           *schema,
             const char           *name,
             gint64               *written_at,
             char                **charset,
             gboolean             *versioned,
             char                **engine,
             GError              **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *row;

  sql = g_strdup_printf ("SELECT UNIX_TIMESTAMP(T.CREATE_TIME), C.CHARACTER_SET_NAME, "
                         "T.TABLE_TYPE, T.ENGINE "
                         "FROM information_schema.TABLES T "
                         "LEFT JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY C "
                         "ON C.COLLATION_NAME = T.TABLE_COLLATION "
                         "WHERE T.TABLE_SCHEMA = %s AND T.TABLE_NAME = %s", schema, name);
  if (!query (metadata, sql, &rows, error))
    return FALSE;
  *written_at = -1;
  *charset = NULL;
  *versioned = FALSE;
  *engine = NULL;
  if (rows->len == 0)
    return TRUE;
  row = g_ptr_array_index (rows, 0);
  *written_at = parse_number (row, 0);
  *charset = g_strdup (row->len > 1 ? g_ptr_array_index (row, 1) : NULL);
  *versioned = row->len > 2 && g_strcmp0 (g_ptr_array_index (row, 2), "SYSTEM VERSIONED") == 0;
  *engine = g_strdup (row->len > 3 ? g_ptr_array_index (row, 3) : NULL);
  return TRUE;
}

/* The names of MariaDB's implicit period columns (sql/handler.cc,
 * Vers_parse_info::fix_implicit()): a table WITH SYSTEM VERSIONING that
 * names no period columns gets these two, TIMESTAMP(6), invisible to
 * information_schema, SHOW COLUMNS and SELECT *, placed after all the
 * columns of the table (ALTER TABLE cannot name them to place a column
 * after them, and a column of the table cannot take their names). */
static const char * const implicit_period_names[] = { "row_start", "row_end" };

/* Whether the system-versioned table has the implicit period columns:
 * information_schema lists no column as the ROW START or ROW END of its
 * period (read on its own, as only MariaDB has such tables), and they
 * are there under their names.  FALSE with @error set when the query
 * failed or the table has neither. */
static gboolean
has_implicit_period (MysqlBinlogMetadata  *metadata,
                     const char           *schema,
                     const char           *name,
                     const char           *quoted_schema,
                     const char           *quoted_name,
                     gboolean             *implicit,
                     GError              **error)
{
  g_autofree char *start = quote_identifier (implicit_period_names[0]);
  g_autofree char *end = quote_identifier (implicit_period_names[1]);
  g_autofree char *table_schema = quote_identifier (schema);
  g_autofree char *table_name = quote_identifier (name);
  g_autofree char *explicit_sql = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) explicit_rows = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  explicit_sql = g_strdup_printf ("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                                  "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s "
                                  "AND GENERATION_EXPRESSION IN ('ROW START', 'ROW END')",
                                  quoted_schema, quoted_name);
  if (!query (metadata, explicit_sql, &explicit_rows, error))
    return FALSE;
  *implicit = explicit_rows->len == 0;
  if (!*implicit)
    return TRUE;
  sql = g_strdup_printf ("SELECT %s, %s FROM %s.%s LIMIT 0", start, end,
                         table_schema, table_name);
  if (!query (metadata, sql, &rows, error))
    {
      g_prefix_error (error, "%s.%s is system-versioned without period columns in "
                      "information_schema, and its implicit ones cannot be read: ",
                      schema, name);
      return FALSE;
    }
  return TRUE;
}

static MysqlBinlogDefinition *
fetch_columns (MysqlBinlogMetadata  *metadata,
               const char           *table_schema,
               const char           *table_name,
               GError              **error)
{
  g_autofree char *schema = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *charset_before = NULL;
  g_autofree char *charset_after = NULL;
  g_autofree char *engine_before = NULL;
  g_autofree char *engine_after = NULL;
  gint64 written_before, written_after;
  gboolean versioned_before, versioned_after;
  gboolean implicit_period = FALSE;
  gboolean has_primary_key = FALSE;
  MysqlBinlogDefinition *info;

  if (!ensure_connected (metadata, error))
    return NULL;
  schema = _mysql_binlog_transport_quote (metadata->transport, table_schema);
  name = _mysql_binlog_transport_quote (metadata->transport, table_name);
  sql = g_strdup_printf ("SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, COLUMN_KEY, "
                         "DATA_TYPE, DATETIME_PRECISION, CHARACTER_OCTET_LENGTH, "
                         "NUMERIC_PRECISION, NUMERIC_SCALE "
                         "FROM information_schema.COLUMNS "
                         "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s "
                         "ORDER BY ORDINAL_POSITION", schema, name);
  /* The time the definition was written, before and after its columns
   * are read: when they differ, the table changed in between. */
  for (guint attempt = 0;; attempt++)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      g_clear_pointer (&charset_before, g_free);
      g_clear_pointer (&charset_after, g_free);
      g_clear_pointer (&engine_before, g_free);
      g_clear_pointer (&engine_after, g_free);
      if (!fetch_table (metadata, schema, name, &written_before, &charset_before,
                        &versioned_before, &engine_before, error) ||
          !query (metadata, sql, &rows, error) ||
          !fetch_table (metadata, schema, name, &written_after, &charset_after,
                        &versioned_after, &engine_after, error))
        return NULL;
      if ((written_before == written_after && versioned_before == versioned_after) ||
          attempt == 3)
        break;
    }

  /* A system-versioned table whose period columns information_schema
   * does not list has the implicit ones, after its other columns. */
  if (versioned_after &&
      !has_implicit_period (metadata, table_schema, table_name, schema, name,
                            &implicit_period, error))
    return NULL;

  info = _mysql_binlog_definition_new (rows->len + (implicit_period ? 2 : 0));
  info->written_at = written_after;
  info->written_at_unknown = written_before != written_after || written_after < 0;
  /* MyISAM and Aria keep CREATE_TIME (their data file's) through RENAME
   * COLUMN and RENAME TABLE: it says nothing of the columns. */
  if (g_strcmp0 (engine_after, "InnoDB") != 0)
    {
      info->written_at_unknown = TRUE;
      info->untimed_engine = g_strdup (engine_after != NULL ? engine_after : "unknown");
    }
  info->default_charset = g_steal_pointer (&charset_after);
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      MysqlBinlogColumnDefinition *column = &info->columns[i];
      const char *column_name = g_ptr_array_index (row, 0);
      const char *column_type = g_ptr_array_index (row, 1);
      const char *charset = g_ptr_array_index (row, 2);
      const char *key = row->len > 3 ? g_ptr_array_index (row, 3) : NULL;

      column->name = g_strdup (column_name != NULL ? column_name : "");
      column->charset = g_strdup (charset);
      column->is_primary_key = g_strcmp0 (key, "PRI") == 0;
      has_primary_key |= column->is_primary_key;
      column->geometry_type = -1;
      column->data_type = g_ascii_strdown (row->len > 4 && g_ptr_array_index (row, 4) != NULL
                                           ? g_ptr_array_index (row, 4) : "", -1);
      column->datetime_precision = parse_number (row, 5);
      column->octet_length = parse_number (row, 6);
      column->numeric_precision = parse_number (row, 7);
      column->numeric_scale = parse_number (row, 8);
      if (column_type != NULL)
        {
          column->geometry_type = _mysql_binlog_definition_geometry_type (column_type);
          column->is_unsigned = strstr (column_type, "unsigned") != NULL;
          if (g_str_has_prefix (column_type, "enum(") || g_str_has_prefix (column_type, "set("))
            column->members = _mysql_binlog_definition_parse_members (column_type);
        }
      if (column->members != NULL && charset_has_supplementary (charset))
        {
          gboolean questionable = FALSE;

          for (guint m = 0; column->members[m] != NULL && !questionable; m++)
            questionable = strchr (column->members[m], '?') != NULL;
          if (questionable)
            {
              g_autoptr(GError) local_error = NULL;
              char **exact = fetch_members_exactly (metadata, table_schema, table_name,
                                                    column->name,
                                                    g_str_has_prefix (column_type, "enum("),
                                                    column->members, &local_error);

              if (exact != NULL)
                {
                  g_strfreev (column->members);
                  column->members = exact;
                }
              else
                column->members_error = g_strdup_printf ("information_schema shows a character "
                                                         "beyond U+FFFF of a member as '?', and "
                                                         "reading them otherwise failed (%s)",
                                                         local_error->message);
            }
        }
    }
  /* As information_schema shows explicit period columns: the server adds
   * the end of the period to the primary key. */
  for (guint k = 0; implicit_period && k < 2; k++)
    {
      MysqlBinlogColumnDefinition *column = &info->columns[rows->len + k];

      column->name = g_strdup (implicit_period_names[k]);
      column->data_type = g_strdup ("timestamp");
      column->datetime_precision = 6;
      column->octet_length = -1;
      column->numeric_precision = -1;
      column->numeric_scale = -1;
      column->geometry_type = -1;
      column->is_primary_key = k == 1 && has_primary_key;
      column->is_implicit_period = TRUE;
    }
  return info;
}

MysqlBinlogDefinition *
_mysql_binlog_metadata_fetch (MysqlBinlogMetadata  *metadata,
                              const char           *schema,
                              const char           *name,
                              GError              **error)
{
  g_autofree char *key = _mysql_binlog_name_qualify (schema, name);
  MysqlBinlogDefinition *info = g_hash_table_lookup (metadata->cache, key);

  if (info == NULL)
    {
      info = fetch_columns (metadata, schema, name, error);
      if (info == NULL)
        {
          g_prefix_error (error, "Reading the columns of %s from information_schema: ", key);
          return NULL;
        }
      g_hash_table_replace (metadata->cache, g_steal_pointer (&key), info);
    }
  return _mysql_binlog_definition_ref (info);
}

gboolean
_mysql_binlog_metadata_end_of_log (MysqlBinlogMetadata  *metadata,
                                   char                **file,
                                   guint64              *offset,
                                   GError              **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *row;
  gint64 number;

  if (!query (metadata, "SHOW MASTER STATUS", &rows, error))
    return FALSE;
  if (rows->len == 0 || (row = g_ptr_array_index (rows, 0))->len < 2 ||
      (number = parse_number (row, 1)) < 0)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                           "SHOW MASTER STATUS gave no position");
      return FALSE;
    }
  *file = g_strdup (g_ptr_array_index (row, 0));
  *offset = number;
  return TRUE;
}

char *
_mysql_binlog_metadata_schema_charset (MysqlBinlogMetadata  *metadata,
                                       const char           *schema,
                                       GError              **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *row;

  if (!ensure_connected (metadata, error))
    return NULL;
  quoted = _mysql_binlog_transport_quote (metadata->transport, schema);
  sql = g_strdup_printf ("SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA "
                         "WHERE SCHEMA_NAME = %s", quoted);
  if (!query (metadata, sql, &rows, error))
    return NULL;
  if (rows->len == 0 || (row = g_ptr_array_index (rows, 0))->len < 1)
    return NULL;
  return g_strdup (g_ptr_array_index (row, 0));
}

/* "use `db`; statement" as SHOW BINLOG EVENTS shows a Query event. */
static void
split_use (const char  *info,
           char       **schema,
           const char **statement)
{
  const char *p = info;

  *schema = NULL;
  *statement = info;
  if (!g_str_has_prefix (p, "use `"))
    return;
  p += 5;
  {
    GString *name = g_string_new (NULL);

    for (;;)
      {
        if (*p == '\0')
          {
            g_string_free (name, TRUE);
            return;
          }
        if (p[0] == '`' && p[1] == '`')
          {
            g_string_append_c (name, '`');
            p += 2;
          }
        else if (p[0] == '`')
          {
            p++;
            break;
          }
        else
          g_string_append_c (name, *p++);
      }
    if (g_str_has_prefix (p, "; "))
      {
        *schema = g_string_free (name, FALSE);
        *statement = p + 2;
      }
    else
      g_string_free (name, TRUE);
  }
}

gboolean
_mysql_binlog_metadata_statements_after (MysqlBinlogMetadata  *metadata,
                                         const char           *file,
                                         guint64               offset,
                                         guint                 limit,
                                         GPtrArray           **statements,
                                         gboolean             *complete,
                                         GError              **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  guint64 from = offset;
  guint seen = 0;

  *complete = FALSE;
  if (!ensure_connected (metadata, error))
    return FALSE;
  /* In chunks, so that a long file is not read into memory at once. */
  while (seen < limit)
    {
      g_autofree char *quoted = _mysql_binlog_transport_quote (metadata->transport, file);
      g_autofree char *sql = g_strdup_printf ("SHOW BINLOG EVENTS IN %s FROM %" G_GUINT64_FORMAT
                                              " LIMIT 1000", quoted, from);
      g_autoptr(GPtrArray) rows = NULL;
      gint64 next_from = -1;

      if (!query (metadata, sql, &rows, error))
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          GPtrArray *row = g_ptr_array_index (rows, i);
          const char *type = row->len > 5 ? g_ptr_array_index (row, 2) : NULL;

          if (row->len <= 5)
            continue;
          next_from = parse_number (row, 4);  /* End_log_pos */
          if (g_strcmp0 (type, "Query") == 0 && g_ptr_array_index (row, 5) != NULL)
            {
              char *schema;
              const char *statement;

              split_use (g_ptr_array_index (row, 5), &schema, &statement);
              g_ptr_array_add (found, schema);
              g_ptr_array_add (found, g_strdup (statement));
            }
        }
      seen += rows->len;
      if (rows->len < 1000 || next_from <= (gint64) from)
        {
          *complete = rows->len < 1000;
          break;
        }
      from = next_from;
    }
  *statements = g_steal_pointer (&found);
  return TRUE;
}

GStrv
_mysql_binlog_metadata_binary_logs (MysqlBinlogMetadata  *metadata,
                                    GError              **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *names = g_ptr_array_new ();

  if (!query (metadata, "SHOW BINARY LOGS", &rows, error))
    {
      g_ptr_array_free (names, TRUE);
      return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      if (row->len > 0 && g_ptr_array_index (row, 0) != NULL)
        g_ptr_array_add (names, g_strdup (g_ptr_array_index (row, 0)));
    }
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}
