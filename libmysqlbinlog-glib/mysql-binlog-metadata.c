/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-metadata-private.h"
#include "mysql-binlog-error.h"

typedef struct
{
  guint    n_columns;
  char   **names;         /* UTF-8 */
  char   **charsets;      /* NULL entries: no charset (binary or not text) */
  gboolean *is_unsigned;
  gboolean *is_primary_key;
  char  ***members;       /* ENUM/SET members, NULL for other columns */
  gint     *geometry_types; /* as in the table map, -1 for other columns */
} ColumnsInfo;

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
  GHashTable           *cache;   /* "schema.table" → ColumnsInfo */
};

static void
columns_info_free (ColumnsInfo *info)
{
  for (guint i = 0; i < info->n_columns; i++)
    {
      g_free (info->names[i]);
      g_free (info->charsets[i]);
      g_strfreev (info->members[i]);
    }
  g_free (info->names);
  g_free (info->charsets);
  g_free (info->is_unsigned);
  g_free (info->is_primary_key);
  g_free (info->members);
  g_free (info->geometry_types);
  g_free (info);
}

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
                                           (GDestroyNotify) columns_info_free);
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

/* The members of "enum('a','b''c')" or "set(...)", as information_schema
 * writes them: quotes doubled, backslash escapes as in SHOW CREATE TABLE. */
static char **
parse_members (const char *column_type)
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
static gint
parse_geometry_type (const char *column_type)
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

static ColumnsInfo *
fetch_columns (MysqlBinlogMetadata  *metadata,
               MysqlBinlogTable     *table,
               GError              **error)
{
  g_autofree char *schema = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ColumnsInfo *info;

  if (metadata->transport == NULL)
    {
      MysqlBinlogConnectOptions options = {
        .host = metadata->host,
        .port = metadata->port,
        .user = metadata->user,
        .password = metadata->password,
        .socket = metadata->socket,
        .connect_timeout = metadata->connect_timeout,
        .read_timeout = metadata->read_timeout,
        .tls = metadata->tls,
      };

      metadata->transport = _mysql_binlog_transport_connect (&options, error);
      if (metadata->transport == NULL)
        {
          g_prefix_error (error, "Reading the columns of %s from information_schema: ",
                          table->qualified_name);
          return NULL;
        }
      /* A query may take as long as the replica connection may be silent. */
      _mysql_binlog_transport_set_read_timeout (metadata->transport, metadata->read_timeout);
    }

  schema = _mysql_binlog_transport_quote (metadata->transport, table->schema);
  name = _mysql_binlog_transport_quote (metadata->transport, table->name);
  sql = g_strdup_printf ("SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, COLUMN_KEY "
                         "FROM information_schema.COLUMNS "
                         "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s "
                         "ORDER BY ORDINAL_POSITION", schema, name);
  if (!_mysql_binlog_transport_query (metadata->transport, sql, &rows, error))
    {
      /* A broken metadata connection is reopened on the next table. */
      g_clear_pointer (&metadata->transport, _mysql_binlog_transport_free);
      g_prefix_error (error, "Reading the columns of %s from information_schema: ",
                      table->qualified_name);
      return NULL;
    }

  info = g_new0 (ColumnsInfo, 1);
  info->n_columns = rows->len;
  info->names = g_new0 (char *, rows->len + 1);
  info->charsets = g_new0 (char *, rows->len + 1);
  info->is_unsigned = g_new0 (gboolean, rows->len + 1);
  info->is_primary_key = g_new0 (gboolean, rows->len + 1);
  info->members = g_new0 (char **, rows->len + 1);
  info->geometry_types = g_new0 (gint, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      const char *column_name = g_ptr_array_index (row, 0);
      const char *column_type = g_ptr_array_index (row, 1);
      const char *charset = g_ptr_array_index (row, 2);
      const char *key = row->len > 3 ? g_ptr_array_index (row, 3) : NULL;

      info->names[i] = g_strdup (column_name != NULL ? column_name : "");
      info->charsets[i] = g_strdup (charset);
      info->is_primary_key[i] = g_strcmp0 (key, "PRI") == 0;
      info->geometry_types[i] = -1;
      if (column_type != NULL)
        {
          info->geometry_types[i] = parse_geometry_type (column_type);
          info->is_unsigned[i] = strstr (column_type, "unsigned") != NULL;
          if (g_str_has_prefix (column_type, "enum(") || g_str_has_prefix (column_type, "set("))
            info->members[i] = parse_members (column_type);
        }
    }
  return info;
}

gboolean
_mysql_binlog_metadata_complete (MysqlBinlogMetadata    *metadata,
                                 MysqlBinlogTable       *table,
                                 MysqlBinlogTableNeeds   needs,
                                 GError                **error)
{
  ColumnsInfo *info;

  if (needs == 0)
    return TRUE;

  info = g_hash_table_lookup (metadata->cache, table->qualified_name);
  if (info == NULL)
    {
      info = fetch_columns (metadata, table, error);
      if (info == NULL)
        return FALSE;
      g_hash_table_replace (metadata->cache, g_strdup (table->qualified_name), info);
    }

  if (info->n_columns != table->n_columns)
    {
      /* The definition information_schema has now is not the one the
       * event was written with: names, signedness and character sets
       * taken from it would be those of other columns. */
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "The table map of %s has %u columns but information_schema lists %u: "
                   "the table changed (or was dropped) after this event was written, and "
                   "the binary log does not describe its columns.  Set "
                   "binlog_row_metadata=FULL on the server, or start after the change",
                   table->qualified_name, table->n_columns, info->n_columns);
      return FALSE;
    }

  /* information_schema describes each column by its position, so nothing
   * here is counted the way the table map's fields are: a YEAR column is
   * never UNSIGNED (neither is it in a table map, whose MariaDB YEAR bit
   * the decoder drops) and GEOMETRY columns take their declared type, as
   * from a GEOMETRY_TYPE field, and no character set (their values are
   * bytes either way). */
  for (guint i = 0; i < table->n_columns; i++)
    {
      MysqlBinlogColumn *column = &table->columns[i];

      if (needs & MYSQL_BINLOG_TABLE_NEEDS_NAMES)
        {
          g_free (column->name);
          column->name = g_strdup (info->names[i]);
        }
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_SIGNEDNESS) && _mysql_binlog_column_is_numeric (column))
        column->is_unsigned = info->is_unsigned[i];
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_CHARSETS) && _mysql_binlog_column_is_character (column))
        _mysql_binlog_column_set_charset (column, info->charsets[i] != NULL ? info->charsets[i] : "binary");
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_MEMBERS) && column->members == NULL &&
          info->members[i] != NULL &&
          (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM ||
           column->real_type == MYSQL_BINLOG_COLUMN_TYPE_SET))
        {
          guint n_members = g_strv_length (info->members[i]);

          /* Valid UTF-8 once here, so that values need no check. */
          column->members = g_new0 (char *, n_members + 1);
          column->n_members = n_members;
          for (guint m = 0; m < n_members; m++)
            column->members[m] = g_utf8_make_valid (info->members[i][m], -1);
        }
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_GEOMETRY_TYPES) &&
          column->real_type == MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY && info->geometry_types[i] >= 0)
        column->geometry_type = info->geometry_types[i];
      if (needs & MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY)
        {
          /* information_schema does not say how long a key prefix is. */
          column->is_primary_key = info->is_primary_key[i];
          column->key_prefix = 0;
        }
    }
  if (needs & MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY)
    table->primary_key_known = TRUE;
  return TRUE;
}
