/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-column-private.h"
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
  char    **members_errors; /* why members[i] cannot be trusted, or NULL */
  gint     *geometry_types; /* as in the table map, -1 for other columns */
  /* What the table map's type codes and metadata are checked against:
   * DATA_TYPE in lower case, and the numbers of information_schema, -1
   * where it says NULL. */
  char    **data_types;
  gint64   *datetime_precisions;
  gint64   *octet_lengths;   /* CHARACTER_OCTET_LENGTH */
  gint64   *numeric_precisions;
  gint64   *numeric_scales;
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
      g_free (info->members_errors[i]);
      g_free (info->data_types[i]);
    }
  g_free (info->names);
  g_free (info->charsets);
  g_free (info->is_unsigned);
  g_free (info->is_primary_key);
  g_free (info->members);
  g_free (info->members_errors);
  g_free (info->geometry_types);
  g_free (info->data_types);
  g_free (info->datetime_precisions);
  g_free (info->octet_lengths);
  g_free (info->numeric_precisions);
  g_free (info->numeric_scales);
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
                       const MysqlBinlogTable  *table,
                       const char              *column_name,
                       gboolean                 is_enum,
                       char           * const  *shown,
                       GError                 **error)
{
  MysqlBinlogConnectOptions options;
  MysqlBinlogTransport *transport;
  g_autofree char *schema = quote_identifier (table->schema);
  g_autofree char *name = quote_identifier (table->name);
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
      MysqlBinlogConnectOptions options;

      connect_options (metadata, &options);
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
  sql = g_strdup_printf ("SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, COLUMN_KEY, "
                         "DATA_TYPE, DATETIME_PRECISION, CHARACTER_OCTET_LENGTH, "
                         "NUMERIC_PRECISION, NUMERIC_SCALE "
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
  info->members_errors = g_new0 (char *, rows->len + 1);
  info->geometry_types = g_new0 (gint, rows->len + 1);
  info->data_types = g_new0 (char *, rows->len + 1);
  info->datetime_precisions = g_new0 (gint64, rows->len + 1);
  info->octet_lengths = g_new0 (gint64, rows->len + 1);
  info->numeric_precisions = g_new0 (gint64, rows->len + 1);
  info->numeric_scales = g_new0 (gint64, rows->len + 1);
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
      info->data_types[i] = g_ascii_strdown (row->len > 4 && g_ptr_array_index (row, 4) != NULL
                                             ? g_ptr_array_index (row, 4) : "", -1);
      info->datetime_precisions[i] = parse_number (row, 5);
      info->octet_lengths[i] = parse_number (row, 6);
      info->numeric_precisions[i] = parse_number (row, 7);
      info->numeric_scales[i] = parse_number (row, 8);
      if (column_type != NULL)
        {
          info->geometry_types[i] = parse_geometry_type (column_type);
          info->is_unsigned[i] = strstr (column_type, "unsigned") != NULL;
          if (g_str_has_prefix (column_type, "enum(") || g_str_has_prefix (column_type, "set("))
            info->members[i] = parse_members (column_type);
        }
      if (info->members[i] != NULL && charset_has_supplementary (charset))
        {
          gboolean questionable = FALSE;

          for (guint m = 0; info->members[i][m] != NULL && !questionable; m++)
            questionable = strchr (info->members[i][m], '?') != NULL;
          if (questionable)
            {
              g_autoptr(GError) local_error = NULL;
              char **exact = fetch_members_exactly (metadata, table, info->names[i],
                                                    g_str_has_prefix (column_type, "enum("),
                                                    info->members[i], &local_error);

              if (exact != NULL)
                {
                  g_strfreev (info->members[i]);
                  info->members[i] = exact;
                }
              else
                info->members_errors[i] = g_strdup (local_error->message);
            }
        }
    }
  return info;
}

/*
 * Whether the definition information_schema gives today is the one the
 * table map was written for.  The table map says little: a type code per
 * column and a few bytes of metadata (lengths, precisions); applying
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
check_column (const MysqlBinlogTable  *table,
              const MysqlBinlogColumn *column,
              const ColumnsInfo       *info,
              guint                    i)
{
  const char *data_type = info->data_types[i];
  gboolean known = FALSE;
  gboolean agrees;

  for (guint k = 0; k < G_N_ELEMENTS (known_data_types) && !known; k++)
    known = strcmp (data_type, known_data_types[k]) == 0;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
      if (!is_one_of (data_type, "decimal", NULL))
        agrees = FALSE;
      else if (info->numeric_precisions[i] != column->meta >> 8 ||
               info->numeric_scales[i] != (column->meta & 0xff))
        return g_strdup_printf ("the table map has a DECIMAL(%u,%u), information_schema a "
                                "DECIMAL(%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ")",
                                column->meta >> 8, column->meta & 0xff,
                                info->numeric_precisions[i], info->numeric_scales[i]);
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
        gint64 digits = info->datetime_precisions[i] < 0 ? 0 : info->datetime_precisions[i];
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
        /* The old codes of MariaDB carry no digits: information_schema
         * gives them (see _mysql_binlog_metadata_complete). */
        if (old && column->precision_unknown)
          break;
        if (digits != (old ? 0 : column->meta))
          return g_strdup_printf ("the table map has a %s with %u fractional digits, "
                                  "information_schema one with %" G_GINT64_FORMAT,
                                  name, old ? 0 : column->meta, digits);
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      if (!is_one_of (data_type, "bit", NULL))
        agrees = FALSE;
      else if (info->numeric_precisions[i] != (column->meta >> 8) * 8 + (column->meta & 0xff))
        return g_strdup_printf ("the table map has a BIT(%u), information_schema a "
                                "BIT(%" G_GINT64_FORMAT ")",
                                (column->meta >> 8) * 8 + (column->meta & 0xff),
                                info->numeric_precisions[i]);
      else
        agrees = TRUE;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      {
        gboolean is_enum = column->real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM;
        guint n_members = info->members[i] != NULL ? g_strv_length (info->members[i]) : 0;
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
        if (info->members[i] != NULL && pack_length != (column->meta & 0xff))
          return g_strdup_printf ("the table map has a %s of %u bytes, information_schema "
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
        if (agrees && info->octet_lengths[i] != max_length)
          return g_strdup_printf ("the table map has a %s of %u bytes, information_schema "
                                  "one of %" G_GINT64_FORMAT, fixed ? "CHAR" : "VARCHAR",
                                  max_length, info->octet_lengths[i]);
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
                 is_one_of (data_type, blob_types[column->meta][0], blob_types[column->meta][1]);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY:
      agrees = parse_geometry_type (data_type) >= 0;
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
  return g_strdup_printf ("the table map has type code %u (metadata %u), information_schema "
                          "a column of type %s", column->type, column->meta,
                          data_type[0] != '\0' ? data_type : "(none)");
}

static gboolean
set_schema_mismatch (GError                 **error,
                     const MysqlBinlogTable  *table,
                     const char              *what)
{
  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
               "The table map of %s does not match the table's definition in "
               "information_schema (%s): the table was changed or dropped after this event "
               "was written, and the binary log does not say its columns' names and types "
               "then.  Set binlog_row_metadata=FULL on the server so that it logs them, or "
               "start at a position after the change",
               table->qualified_name, what);
  return FALSE;
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
      g_autofree char *what = NULL;

      if (info->n_columns == 0)
        what = g_strdup_printf ("it has %u columns, the server no longer has the table",
                                table->n_columns);
      else
        what = g_strdup_printf ("it has %u columns, information_schema lists %u",
                                table->n_columns, info->n_columns);
      return set_schema_mismatch (error, table, what);
    }
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autofree char *disagreement = check_column (table, &table->columns[i], info, i);

      if (disagreement != NULL)
        {
          g_autofree char *what = g_strdup_printf ("column %u, %s: %s", i + 1, info->names[i],
                                                   disagreement);
          return set_schema_mismatch (error, table, what);
        }
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_MEMBERS) && table->columns[i].members == NULL &&
          info->members_errors[i] != NULL &&
          (table->columns[i].real_type == MYSQL_BINLOG_COLUMN_TYPE_ENUM ||
           table->columns[i].real_type == MYSQL_BINLOG_COLUMN_TYPE_SET))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "The members of column %u, %s, of %s are not known: information_schema "
                       "shows a character beyond U+FFFF of a member as '?', and reading them "
                       "otherwise failed (%s).  Set binlog_row_metadata=FULL on the server so "
                       "that it logs them",
                       i + 1, info->names[i], table->qualified_name, info->members_errors[i]);
          return FALSE;
        }
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
      if ((needs & MYSQL_BINLOG_TABLE_NEEDS_TEMPORAL_PRECISION) && column->precision_unknown)
        {
          gint64 digits = info->datetime_precisions[i];

          if (digits < 0 || digits > 6)
            {
              g_autofree char *what = g_strdup_printf ("column %u, %s: %" G_GINT64_FORMAT
                                                       " fractional digits", i + 1,
                                                       info->names[i], digits);
              return set_schema_mismatch (error, table, what);
            }
          column->meta = digits;
          column->precision_unknown = FALSE;
        }
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
