/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Snapshots: the existing rows of tables, chunk by chunk, each chunk read
 * in a transaction of its own at a point of the binlog that the reader
 * has just reached (see mysql-binlog-snapshot-private.h).
 *
 * The progress, carried by every position delivered while a snapshot is
 * under way, is a token of comma-separated tables, the one being read
 * first: `schema.name[+ROWS][=KEY]`, where schema and name escape every
 * byte but [A-Za-z0-9_-] as %XX, ROWS counts the rows delivered so far and
 * KEY is the primary key of the last one, each column's value as the
 * snapshot selects it in hexadecimal, separated by ';'.  A resumed run
 * reads on after KEY. */

#include "config.h"

#include <string.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-name-private.h"
#include "mysql-binlog-position-private.h"
#include "mysql-binlog-snapshot-private.h"
#include "mysql-binlog-snapshot-table-private.h"

typedef struct
{
  char *schema;
  char *name;
  guint64 n_rows;      /* delivered so far, in this run and those before */
  GPtrArray *after;    /* GBytes per key column: the last row delivered, or NULL */
  gboolean started;    /* snapshot-started was emitted in this run */
  gboolean adopted;    /* in the progress the positions carry (adopt()) */
  gboolean held;       /* read in one pass: its row changes are held back until then */
} TableProgress;

struct _MysqlBinlogSnapshot
{
  MysqlBinlogSink sink;
  MysqlBinlogConnectOptions options;   /* its strings are ours */
  MysqlBinlogTlsOptions *tls;
  const MysqlBinlogFilter *filter;
  guint chunk_size;

  MysqlBinlogTransport *transport;     /* with lock for interrupt() */
  MysqlBinlogMetadata *metadata;
  gboolean in_transaction;             /* a chunk's transaction is open at point */
  char *point_file;
  guint64 point_offset;
  gboolean mysql;                      /* no binlog_snapshot_* variables: MySQL */

  TableProgress *current;              /* the table being read */
  MysqlBinlogSnapshotTable *table;     /* its definition */
  char *signature;                     /* of the definition, to notice a change */
  GQueue queue;                        /* TableProgress *, with lock */
  gboolean unadopted;                  /* with lock: the queue has tables not adopted yet */
  gboolean closed;                     /* with lock: the reading ended, no more requests */
  guint retries;                       /* reconnections since the last chunk */

  GMutex lock;
};

static void
table_progress_free (TableProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->schema);
  g_free (progress->name);
  g_clear_pointer (&progress->after, g_ptr_array_unref);
  g_free (progress);
}

static TableProgress *
table_progress_new (const char *schema,
                    const char *name)
{
  TableProgress *progress = g_new0 (TableProgress, 1);

  progress->schema = g_strdup (schema);
  progress->name = g_strdup (name);
  return progress;
}

MysqlBinlogSnapshot *
_mysql_binlog_snapshot_new (const MysqlBinlogSink           *sink,
                            const MysqlBinlogConnectOptions *options,
                            const MysqlBinlogFilter         *filter,
                            guint                            chunk_size)
{
  MysqlBinlogSnapshot *self = g_new0 (MysqlBinlogSnapshot, 1);

  self->sink = *sink;
  self->options = *options;
  self->options.host = g_strdup (options->host);
  self->options.user = g_strdup (options->user);
  self->options.password = g_strdup (options->password);
  self->options.socket = g_strdup (options->socket);
  self->tls = _mysql_binlog_tls_options_copy (options->tls);
  self->options.tls = self->tls;
  self->filter = filter;
  self->chunk_size = MAX (chunk_size, 1);
  g_queue_init (&self->queue);
  g_mutex_init (&self->lock);
  return self;
}

static void
close_connection (MysqlBinlogSnapshot *self)
{
  MysqlBinlogTransport *transport;

  g_mutex_lock (&self->lock);
  transport = g_steal_pointer (&self->transport);
  g_mutex_unlock (&self->lock);
  _mysql_binlog_transport_free (transport);
  self->in_transaction = FALSE;
}

void
_mysql_binlog_snapshot_free (MysqlBinlogSnapshot *self)
{
  if (self == NULL)
    return;
  close_connection (self);
  _mysql_binlog_metadata_free (self->metadata);
  table_progress_free (self->current);
  _mysql_binlog_snapshot_table_free (self->table);
  g_free (self->signature);
  g_queue_clear_full (&self->queue, (GDestroyNotify) table_progress_free);
  g_free ((char *) self->options.host);
  g_free ((char *) self->options.user);
  if (self->options.password != NULL)
    memset ((char *) self->options.password, 0, strlen (self->options.password));
  g_free ((char *) self->options.password);
  g_free ((char *) self->options.socket);
  _mysql_binlog_tls_options_free (self->tls);
  g_free (self->point_file);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
_mysql_binlog_snapshot_interrupt (MysqlBinlogSnapshot *self)
{
  g_mutex_lock (&self->lock);
  if (self->transport != NULL)
    _mysql_binlog_transport_interrupt (self->transport);
  g_mutex_unlock (&self->lock);
}

/* {{{ The progress token */

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const guint8 *p = (const guint8 *) text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
      g_string_append_c (out, *p);
    else
      g_string_append_printf (out, "%%%02X", *p);
}

static void
append_table (GString             *out,
              const TableProgress *progress)
{
  if (out->len > 0)
    g_string_append_c (out, ',');
  append_escaped (out, progress->schema);
  g_string_append_c (out, '.');
  append_escaped (out, progress->name);
  if (progress->n_rows > 0)
    g_string_append_printf (out, "+%" G_GUINT64_FORMAT, progress->n_rows);
  if (progress->after != NULL)
    {
      g_string_append_c (out, '=');
      for (guint k = 0; k < progress->after->len; k++)
        {
          gsize length;
          const guint8 *data = g_bytes_get_data (g_ptr_array_index (progress->after, k), &length);

          if (k > 0)
            g_string_append_c (out, ';');
          for (gsize i = 0; i < length; i++)
            g_string_append_printf (out, "%02x", data[i]);
        }
    }
}

/* The progress now, or NULL when nothing is left to read. */
static char *
make_token (MysqlBinlogSnapshot *self)
{
  GString *out = g_string_new (NULL);

  if (self->current != NULL)
    append_table (out, self->current);
  g_mutex_lock (&self->lock);
  for (GList *l = self->queue.head; l != NULL; l = l->next)
    append_table (out, l->data);
  g_mutex_unlock (&self->lock);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
unescape (const char *text,
          gsize       length)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '%' && i + 2 < length + 1 && g_ascii_isxdigit (text[i + 1]) &&
          g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (text[i + 1]) << 4 |
                                          g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else if (g_ascii_isalnum (text[i]) || text[i] == '_' || text[i] == '-')
        g_string_append_c (out, text[i]);
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
_mysql_binlog_snapshot_resume (MysqlBinlogSnapshot  *self,
                               const char           *token,
                               GError              **error)
{
  g_auto(GStrv) entries = g_strsplit (token, ",", -1);

  for (guint e = 0; entries[e] != NULL; e++)
    {
      const char *entry = entries[e];
      const char *dot = strchr (entry, '.');
      const char *name_end = dot != NULL ? dot + 1 + strcspn (dot + 1, "+=") : NULL;
      g_autofree char *schema = NULL;
      g_autofree char *name = NULL;
      TableProgress *progress;
      const char *p;

      if (dot == NULL ||
          (schema = unescape (entry, dot - entry)) == NULL ||
          (name = unescape (dot + 1, name_end - dot - 1)) == NULL ||
          *schema == '\0' || *name == '\0')
        goto invalid;
      progress = table_progress_new (schema, name);
      g_mutex_lock (&self->lock);
      g_queue_push_tail (&self->queue, progress);
      self->unadopted = TRUE;
      g_mutex_unlock (&self->lock);
      p = name_end;
      if (*p == '+')
        {
          char *end = NULL;

          progress->n_rows = g_ascii_strtoull (p + 1, &end, 10);
          if (end == p + 1)
            goto invalid;
          p = end;
        }
      if (*p == '=')
        {
          g_auto(GStrv) values = g_strsplit (p + 1, ";", -1);

          progress->after = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          for (guint k = 0; values[k] != NULL; k++)
            {
              gsize length = strlen (values[k]);
              g_autofree guint8 *bytes = g_malloc (length / 2 + 1);

              if (length % 2 != 0)
                goto invalid;
              for (gsize i = 0; i < length / 2; i++)
                {
                  gint hi = g_ascii_xdigit_value (values[k][2 * i]);
                  gint lo = g_ascii_xdigit_value (values[k][2 * i + 1]);

                  if (hi < 0 || lo < 0)
                    goto invalid;
                  bytes[i] = hi << 4 | lo;
                }
              g_ptr_array_add (progress->after, g_bytes_new (bytes, length / 2));
            }
          p += strlen (p);
        }
      if (*p != '\0')
        goto invalid;
    }
  return TRUE;

invalid:
  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
               "The position's snapshot progress “%s” cannot be read", token);
  return FALSE;
}

/* }}} */

/* {{{ The connection and its transactions */

static gboolean
ensure_connection (MysqlBinlogSnapshot  *self,
                   GError              **error)
{
  MysqlBinlogTransport *transport;

  if (self->transport != NULL)
    return TRUE;
  transport = _mysql_binlog_transport_connect (&self->options, error);
  if (transport == NULL)
    {
      g_prefix_error (error, "The snapshot's connection: ");
      return FALSE;
    }
  /* Values as stored, times in UTC; a chunk's transaction sees one point. */
  if (!_mysql_binlog_transport_query (transport,
                                      "SET NAMES utf8mb4, character_set_results = binary, "
                                      "time_zone = '+00:00', group_concat_max_len = 16777216",
                                      NULL, error) ||
      !_mysql_binlog_transport_query (transport,
                                      "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                                      NULL, error))
    {
      _mysql_binlog_transport_free (transport);
      g_prefix_error (error, "The snapshot's connection: ");
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  self->transport = transport;
  g_mutex_unlock (&self->lock);
  if (self->metadata == NULL)
    self->metadata = _mysql_binlog_metadata_new (&self->options);
  return TRUE;
}

/* MySQL has no binlog_snapshot_* variables: the point is taken under a
 * global read lock held only while the transaction opens.  Not tested
 * here (the tests run MariaDB). */
static gboolean
open_transaction_mysql (MysqlBinlogSnapshot  *self,
                        GError              **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!_mysql_binlog_transport_query (self->transport, "FLUSH TABLES WITH READ LOCK", NULL,
                                      &local_error))
    {
      g_set_error (error, MYSQL_BINLOG_ERROR,
                   g_error_matches (local_error, MYSQL_BINLOG_ERROR,
                                    MYSQL_BINLOG_ERROR_ACCESS_DENIED)
                     ? MYSQL_BINLOG_ERROR_ACCESS_DENIED : MYSQL_BINLOG_ERROR_SERVER,
                   "A snapshot on this server (no binlog_snapshot_position: not MariaDB) "
                   "takes its binlog position under FLUSH TABLES WITH READ LOCK, which needs "
                   "the RELOAD privilege: %s", local_error->message);
      return FALSE;
    }
  ok = _mysql_binlog_transport_query (self->transport,
                                      "START TRANSACTION WITH CONSISTENT SNAPSHOT", NULL, error) &&
       (_mysql_binlog_transport_query (self->transport, "SHOW MASTER STATUS", &rows, NULL) ||
        _mysql_binlog_transport_query (self->transport, "SHOW BINARY LOG STATUS", &rows, error));
  _mysql_binlog_transport_query (self->transport, "UNLOCK TABLES", NULL, NULL);
  if (!ok)
    return FALSE;
  if (rows->len == 0 || ((GPtrArray *) rows->pdata[0])->len < 2)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_BINLOG_DISABLED,
                           "The server writes no binary log: a snapshot has no position");
      return FALSE;
    }
  g_free (self->point_file);
  self->point_file = g_strdup (g_ptr_array_index ((GPtrArray *) rows->pdata[0], 0));
  self->point_offset = g_ascii_strtoull (g_ptr_array_index ((GPtrArray *) rows->pdata[0], 1),
                                         NULL, 10);
  return TRUE;
}

/* Opens the transaction of the next chunk and reads its binlog point. */
static gboolean
open_transaction (MysqlBinlogSnapshot  *self,
                  GError              **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  const char *file = NULL, *position = NULL;

  if (!ensure_connection (self, error))
    return FALSE;
  if (self->mysql)
    return (self->in_transaction = open_transaction_mysql (self, error));
  if (!_mysql_binlog_transport_query (self->transport, "START TRANSACTION WITH CONSISTENT SNAPSHOT",
                                      NULL, error) ||
      !_mysql_binlog_transport_query (self->transport,
                                      "SHOW STATUS LIKE 'binlog_snapshot_%'", &rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      if (row->len < 2)
        continue;
      if (g_ascii_strcasecmp (g_ptr_array_index (row, 0), "binlog_snapshot_file") == 0)
        file = g_ptr_array_index (row, 1);
      else if (g_ascii_strcasecmp (g_ptr_array_index (row, 0), "binlog_snapshot_position") == 0)
        position = g_ptr_array_index (row, 1);
    }
  if (file == NULL || position == NULL)
    {
      _mysql_binlog_transport_query (self->transport, "ROLLBACK", NULL, NULL);
      self->mysql = TRUE;
      return (self->in_transaction = open_transaction_mysql (self, error));
    }
  if (*file == '\0')
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_BINLOG_DISABLED,
                           "The server writes no binary log: a snapshot has no position");
      return FALSE;
    }
  g_free (self->point_file);
  self->point_file = g_strdup (file);
  self->point_offset = g_ascii_strtoull (position, NULL, 10);
  self->in_transaction = TRUE;
  return TRUE;
}

/* Whether the binlog reader has delivered every event up to the chunk's
 * point, and nothing of a transaction after it. */
static gboolean
reached_point (MysqlBinlogSnapshot *self,
               MysqlBinlogTracker  *tracker)
{
  gint order;

  if (tracker->file == NULL || tracker->in_transaction || tracker->replaying)
    return FALSE;
  order = strcmp (tracker->file, self->point_file);
  return order > 0 || (order == 0 && tracker->offset >= self->point_offset);
}

/* }}} */

/* {{{ Planning */

static gboolean
wants_table (MysqlBinlogSnapshot *self,
             const char          *schema,
             const char          *name)
{
  g_autoptr(MysqlBinlogTable) probe = _mysql_binlog_table_new (0, schema, name, 0);

  return _mysql_binlog_filter_wants (self->filter, probe) &&
         _mysql_binlog_sink_rows_signal (&self->sink, 'r', probe->detail) != 0;
}

gboolean
_mysql_binlog_snapshot_plan_watched (MysqlBinlogSnapshot  *self,
                                     GError              **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  if (!ensure_connection (self, error) ||
      !_mysql_binlog_transport_query (self->transport,
                                      "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                                      "WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN "
                                      "('mysql', 'information_schema', 'performance_schema', 'sys') "
                                      "ORDER BY TABLE_SCHEMA, TABLE_NAME", &rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      const char *schema = g_ptr_array_index (row, 0);
      const char *name = g_ptr_array_index (row, 1);

      if (schema != NULL && name != NULL && wants_table (self, schema, name))
        {
          g_mutex_lock (&self->lock);
          g_queue_push_tail (&self->queue, table_progress_new (schema, name));
          self->unadopted = TRUE;
          g_mutex_unlock (&self->lock);
        }
    }
  return TRUE;
}

gboolean
_mysql_binlog_snapshot_request (MysqlBinlogSnapshot  *self,
                                const char           *schema_table,
                                GError              **error)
{
  g_autofree char *schema = NULL;
  g_autofree char *name = NULL;
  g_autoptr(MysqlBinlogTable) probe = NULL;

  if (!_mysql_binlog_name_split (schema_table, &schema, &name))
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a table name of the form schema.table (a part with a dot "
                   "or a backquote in backquotes, as x.`y.z`)", schema_table);
      return FALSE;
    }
  probe = _mysql_binlog_table_new (0, schema, name, 0);
  if (!_mysql_binlog_filter_wants (self->filter, probe))
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "The stream's filters leave out %s: its changes would not be delivered "
                   "after its rows", schema_table);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "The stream has stopped reading (it reached the end of the binary log, "
                   "or was stopped): %s cannot be read in this run", schema_table);
      return FALSE;
    }
  g_queue_push_tail (&self->queue, table_progress_new (schema, name));
  self->unadopted = TRUE;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

MysqlBinlogPosition *
_mysql_binlog_snapshot_open (MysqlBinlogSnapshot  *self,
                             GError              **error)
{
  g_autoptr(MysqlBinlogPosition) plain = NULL;
  g_autofree char *token = NULL;

  if (!open_transaction (self, error))
    return NULL;
  plain = mysql_binlog_position_new (self->point_file, self->point_offset);
  token = make_token (self);
  return _mysql_binlog_position_with_snapshot (plain, token);
}

/* }}} */

/* {{{ Chunks */

/* In the chunk's transaction, in one statement: holds the table's
 * metadata lock until the commit (the scalar subquery opens the table,
 * and a statement opens its tables before it reads information_schema,
 * so a concurrent ALTER waits for the chunk, not the other way round),
 * and reads the columns of the table as information_schema has them
 * then. */
static char *
lock_and_read_signature (MysqlBinlogSnapshot  *self,
                         const TableProgress  *progress,
                         GError              **error)
{
  g_autofree char *schema = _mysql_binlog_transport_quote (self->transport, progress->schema);
  g_autofree char *name = _mysql_binlog_transport_quote (self->transport, progress->name);
  GString *quoted = g_string_new ("`");
  g_autofree char *sql = NULL;
  g_autofree char *qualified_name = _mysql_binlog_name_qualify (progress->schema, progress->name);
  g_autoptr(GError) local_error = NULL;
  char *signature;

  for (const char *p = progress->schema; *p != '\0'; p++)
    g_string_append_printf (quoted, *p == '`' ? "``" : "%c", *p);
  g_string_append (quoted, "`.`");
  for (const char *p = progress->name; *p != '\0'; p++)
    g_string_append_printf (quoted, *p == '`' ? "``" : "%c", *p);
  g_string_append_c (quoted, '`');
  sql = g_strdup_printf ("SELECT GROUP_CONCAT(CONCAT_WS(' ', COLUMN_NAME, "
                         "COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, "
                         "COLLATION_NAME) ORDER BY ORDINAL_POSITION "
                         "SEPARATOR '\\n'), (SELECT 1 FROM %s LIMIT 0) "
                         "FROM information_schema.COLUMNS "
                         "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s",
                         quoted->str, schema, name);
  g_string_free (quoted, TRUE);
  signature = _mysql_binlog_transport_query_value (self->transport, sql, &local_error);
  if (local_error != NULL)
    {
      /* ER_NO_SUCH_TABLE: never there, or dropped during the snapshot. */
      if (strstr (local_error->message, "(MySQL error 1146)") != NULL)
        g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                     "Cannot read the existing rows of %s: the server has no such table "
                     "(%s)", qualified_name, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (signature == NULL)
    g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                 "Cannot read the existing rows of %s: the server has no such table",
                 qualified_name);
  return signature;
}

/* In the chunk's transaction: locks the table (see above), then
 * (re)reads its definition if it is new or has changed. */
static gboolean
prepare_table (MysqlBinlogSnapshot  *self,
               GError              **error)
{
  TableProgress *progress = self->current;
  g_autofree char *signature = NULL;
  g_autofree char *qualified_name = NULL;

  signature = lock_and_read_signature (self, progress, error);
  if (signature == NULL)
    return FALSE;
  if (self->table != NULL && g_strcmp0 (signature, self->signature) == 0)
    return TRUE;

  /* New, or changed since the last chunk: its rows from here on have the
   * new definition, as the changes after the DDL statement do. */
  g_clear_pointer (&self->table, _mysql_binlog_snapshot_table_free);
  _mysql_binlog_metadata_invalidate (self->metadata);
  self->table = _mysql_binlog_snapshot_table_load (self->transport, self->metadata,
                                                   progress->schema, progress->name, error);
  if (self->table == NULL)
    return FALSE;
  if (progress->after != NULL &&
      progress->after->len != _mysql_binlog_snapshot_table_n_key (self->table))
    {
      qualified_name = _mysql_binlog_name_qualify (progress->schema, progress->name);
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Cannot read on the existing rows of %s: its primary key changed "
                   "during the snapshot", qualified_name);
      return FALSE;
    }
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);
  return TRUE;
}

/* The key of the last row read, kept in @key (its columns one after the
 * other, their lengths in @lengths) while a chunk is read, and put into
 * the table's progress when the reading stops. */
static void
keep_key (MysqlBinlogSnapshot  *self,
          GString              *key,
          gsize                *key_lengths,
          char                **values,
          const gulong         *lengths)
{
  guint n_key = _mysql_binlog_snapshot_table_n_key (self->table);
  const guint *columns = _mysql_binlog_snapshot_table_key_columns (self->table);

  g_string_truncate (key, 0);
  for (guint k = 0; k < n_key; k++)
    {
      g_string_append_len (key, values[columns[k]], lengths[columns[k]]);
      key_lengths[k] = lengths[columns[k]];
    }
}

static void
save_key (MysqlBinlogSnapshot *self,
          const GString       *key,
          const gsize         *key_lengths)
{
  TableProgress *progress = self->current;
  guint n_key = _mysql_binlog_snapshot_table_n_key (self->table);
  gsize offset = 0;

  g_clear_pointer (&progress->after, g_ptr_array_unref);
  progress->after = g_ptr_array_new_full (n_key, (GDestroyNotify) g_bytes_unref);
  for (guint k = 0; k < n_key; k++)
    {
      g_ptr_array_add (progress->after, g_bytes_new (key->str + offset, key_lengths[k]));
      offset += key_lengths[k];
    }
}

/* Reads and delivers one chunk in the open transaction; @done: the
 * table's last. */
static gboolean
read_chunk (MysqlBinlogSnapshot  *self,
            MysqlBinlogTracker   *tracker,
            gboolean             *done,
            GError              **error)
{
  TableProgress *progress = self->current;
  MysqlBinlogTable *table;
  gboolean keyed;
  g_autofree char *sql = NULL;
  g_autoptr(GString) key = NULL;
  g_autofree gsize *key_lengths = NULL;
  guint n_fields;
  guint64 n_read = 0;
  guint signal_id;
  guint32 timestamp;
  gboolean ok = TRUE;

  if (!prepare_table (self, error))
    return FALSE;
  table = _mysql_binlog_snapshot_table_get (self->table);
  keyed = _mysql_binlog_snapshot_table_has_key (self->table);
  /* Its changes were held back while it waited (it had no usable key
   * then): its chunks start at this point, the changes after it are
   * delivered. */
  if (keyed && progress->held)
    {
      _mysql_binlog_tracker_release_table (tracker, progress->schema, progress->name);
      progress->held = FALSE;
    }
  /* Its changes were delivered while it waited (it had a usable key
   * then): a read in one pass would have them a second time. */
  if (!keyed && !progress->held)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                   "Cannot read the existing rows of %s.%s: its primary key was dropped or "
                   "changed after it was asked for, and a read in one pass would repeat the "
                   "changes delivered since", progress->schema, progress->name);
      return FALSE;
    }
  /* A table without a usable key is read in one pass: a resumed one
   * starts again. */
  if (!keyed)
    {
      g_clear_pointer (&progress->after, g_ptr_array_unref);
      progress->n_rows = 0;
    }
  else
    {
      key = g_string_new (NULL);
      key_lengths = g_new0 (gsize, _mysql_binlog_snapshot_table_n_key (self->table));
    }
  signal_id = _mysql_binlog_sink_rows_signal (&self->sink, 'r', table->detail);
  sql = _mysql_binlog_snapshot_table_select (self->table, progress->after,
                                             keyed ? self->chunk_size : 0);
  if (!_mysql_binlog_transport_rows_begin (self->transport, sql, &n_fields, error))
    return FALSE;
  if (n_fields != table->n_columns)
    {
      _mysql_binlog_transport_rows_end (self->transport);
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL,
                   "Reading the existing rows of %s: %u columns where %u were asked for",
                   table->qualified_name, n_fields, table->n_columns);
      return FALSE;
    }
  /* The rows of a chunk are those of one point: one event's time. */
  timestamp = (guint32) (g_get_real_time () / G_USEC_PER_SEC);
  for (;;)
    {
      char **values;
      gulong *lengths;
      MysqlBinlogRow *row;
      gint got = _mysql_binlog_transport_rows_next (self->transport, &values, &lengths, error);

      if (got < 0)
        {
          ok = FALSE;
          break;
        }
      if (got == 0)
        break;
      row = _mysql_binlog_snapshot_table_build_row (self->table, values, lengths, timestamp,
                                                    error);
      if (row == NULL)
        {
          ok = FALSE;
          break;
        }
      if (keyed)
        keep_key (self, key, key_lengths, values, lengths);
      n_read++;
      progress->n_rows++;
      if (signal_id != 0)
        {
          gsize cost = 0;

          for (guint i = 0; i < n_fields; i++)
            cost += lengths[i];
          _mysql_binlog_sink_rows (&self->sink, signal_id, table->detail, row, NULL, cost);
        }
      _mysql_binlog_snapshot_table_give_back (self->table, row);
      /* The chunk is then not committed: its progress is not delivered. */
      if (_mysql_binlog_sink_stop_requested (&self->sink))
        break;
    }
  _mysql_binlog_transport_rows_end (self->transport);
  if (keyed && n_read > 0)
    save_key (self, key, key_lengths);
  *done = ok && (!keyed || n_read < self->chunk_size);
  return ok;
}

/* The progress as a transaction boundary: what the checkpoint saves. */
static void
deliver_progress (MysqlBinlogSnapshot *self,
                  MysqlBinlogTracker  *tracker)
{
  g_autofree char *token = make_token (self);

  _mysql_binlog_tracker_set_snapshot_progress (tracker, token);
  _mysql_binlog_sink_position (&self->sink, _mysql_binlog_tracker_make_position (tracker));
}

/* Whether @progress is a table the snapshot reads in one pass (no
 * primary key, or one the chunks cannot walk), as the server has it now;
 * one that cannot be loaded counts as one (its read fails with the
 * reason, or finds it created by then).  A table resumed in the middle of
 * its chunks is not. */
static gboolean
reads_in_one_pass (MysqlBinlogSnapshot *self,
                   const TableProgress *progress)
{
  MysqlBinlogSnapshotTable *table;
  gboolean one_pass;

  if (progress->after != NULL || progress->n_rows > 0)
    return FALSE;
  if (!ensure_connection (self, NULL))
    return TRUE;
  table = _mysql_binlog_snapshot_table_load (self->transport, self->metadata, progress->schema,
                                             progress->name, NULL);
  if (table == NULL)
    return TRUE;
  one_pass = !_mysql_binlog_snapshot_table_has_key (table);
  _mysql_binlog_snapshot_table_free (table);
  return one_pass;
}

/* Takes the tables queued since the last time into the progress every
 * position carries, at a transaction boundary, and holds back the row
 * changes of those read in one pass: their read at its point P has the
 * changes before P, those after P are delivered after it.  Until a table
 * is adopted, no chunk of it is read. */
static void
adopt (MysqlBinlogSnapshot *self,
       MysqlBinlogTracker  *tracker)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autofree char *token = NULL;

  if (tracker->in_transaction)
    return;
  g_mutex_lock (&self->lock);
  if (self->unadopted)
    {
      fresh = g_ptr_array_new ();
      for (GList *l = self->queue.head; l != NULL; l = l->next)
        if (!((TableProgress *) l->data)->adopted)
          g_ptr_array_add (fresh, l->data);
      self->unadopted = FALSE;
    }
  g_mutex_unlock (&self->lock);
  if (fresh == NULL)
    return;

  /* Only this thread takes tables off the queue: they stay valid. */
  for (guint i = 0; i < fresh->len; i++)
    {
      TableProgress *progress = g_ptr_array_index (fresh, i);

      progress->held = reads_in_one_pass (self, progress);
      if (progress->held)
        _mysql_binlog_tracker_hold_table (tracker, progress->schema, progress->name);
    }
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < fresh->len; i++)
    ((TableProgress *) g_ptr_array_index (fresh, i))->adopted = TRUE;
  g_mutex_unlock (&self->lock);
  token = make_token (self);
  _mysql_binlog_tracker_set_snapshot_progress (tracker, token);
}

static gboolean
next_table (MysqlBinlogSnapshot *self)
{
  if (self->current != NULL)
    return TRUE;
  g_mutex_lock (&self->lock);
  if (!g_queue_is_empty (&self->queue) && ((TableProgress *) g_queue_peek_head (&self->queue))->adopted)
    self->current = g_queue_pop_head (&self->queue);
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->table, _mysql_binlog_snapshot_table_free);
  g_clear_pointer (&self->signature, g_free);
  return self->current != NULL;
}

/* Does every chunk whose point the reader has reached.  @finished: nothing
 * is left to read. */
static gboolean
step (MysqlBinlogSnapshot  *self,
      MysqlBinlogTracker   *tracker,
      gboolean             *finished,
      GError              **error)
{
  *finished = FALSE;
  adopt (self, tracker);
  while (!_mysql_binlog_sink_stop_requested (&self->sink))
    {
      g_autoptr(GError) local_error = NULL;
      gboolean done = FALSE;

      if (!next_table (self))
        {
          gboolean had_progress = tracker->snapshot_progress != NULL;
          gboolean waiting;

          /* Tables asked for in the middle of a transaction wait for
           * its end. */
          g_mutex_lock (&self->lock);
          waiting = !g_queue_is_empty (&self->queue);
          g_mutex_unlock (&self->lock);
          if (waiting)
            return TRUE;

          if (had_progress)
            deliver_progress (self, tracker);
          *finished = TRUE;
          return TRUE;
        }
      if (!self->in_transaction && !open_transaction (self, &local_error))
        goto failed;
      if (!reached_point (self, tracker))
        return TRUE;

      if (!self->current->started)
        {
          g_autofree char *qualified = _mysql_binlog_name_qualify (self->current->schema,
                                                                   self->current->name);

          self->current->started = TRUE;
          _mysql_binlog_sink_snapshot (&self->sink, FALSE, qualified, 0);
        }
      if (!read_chunk (self, tracker, &done, &local_error))
        goto failed;
      if (_mysql_binlog_sink_stop_requested (&self->sink))
        return TRUE;
      if (!_mysql_binlog_transport_query (self->transport, "COMMIT", NULL, &local_error))
        goto failed;
      self->in_transaction = FALSE;
      self->retries = 0;
      if (done)
        {
          g_autofree char *qualified = _mysql_binlog_name_qualify (self->current->schema,
                                                                   self->current->name);
          guint64 n_rows = self->current->n_rows;

          if (self->current->held)
            _mysql_binlog_tracker_release_table (tracker, self->current->schema,
                                                 self->current->name);
          g_clear_pointer (&self->current, table_progress_free);
          deliver_progress (self, tracker);
          _mysql_binlog_sink_snapshot (&self->sink, TRUE, qualified, n_rows);
        }
      else
        deliver_progress (self, tracker);
      continue;

    failed:
      /* A lost snapshot connection is opened again, once, and the chunk
       * goes on after the last row delivered: those before were the rows
       * at the old point, those after are at the new one. */
      close_connection (self);
      if (g_error_matches (local_error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CONNECTION_LOST) &&
          self->retries++ < 1)
        {
          /* A table read in one pass is read again from its start, at
           * the new point, its changes held back until then: announced
           * again, so that the rows already delivered are dropped. */
          if (self->current != NULL && self->current->held)
            self->current->started = FALSE;
          continue;
        }
      if (self->current != NULL &&
          !g_str_has_prefix (local_error->message, "Cannot read the existing rows") &&
          !g_str_has_prefix (local_error->message, "Reading the existing rows"))
        {
          g_autofree char *qualified = _mysql_binlog_name_qualify (self->current->schema,
                                                                   self->current->name);

          g_prefix_error (&local_error, "Reading the existing rows of %s: ", qualified);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* }}} */

gboolean
_mysql_binlog_snapshot_close_if_done (MysqlBinlogSnapshot *self,
                                      gboolean             force)
{
  gboolean done;

  g_mutex_lock (&self->lock);
  done = self->current == NULL && g_queue_is_empty (&self->queue);
  if (done || force)
    self->closed = TRUE;
  g_mutex_unlock (&self->lock);
  return done;
}

/* {{{ The source that interleaves the chunks with the events */

typedef struct
{
  MysqlBinlogSource parent;
  MysqlBinlogSourceFuncs funcs;
  MysqlBinlogSource *inner;
  MysqlBinlogSnapshot *snapshot;
  MysqlBinlogTracker *tracker;
  gboolean end_when_done;
} SnapshotSource;

static MysqlBinlogReadResult
snapshot_source_read_event (MysqlBinlogSource       *source,
                            gboolean                 checksum,
                            MysqlBinlogSourceEvent  *event,
                            GCancellable            *cancellable,
                            GError                 **error)
{
  SnapshotSource *self = (SnapshotSource *) source;
  gboolean finished;

  if (!step (self->snapshot, self->tracker, &finished, error))
    return MYSQL_BINLOG_READ_ERROR;
  if (finished && self->end_when_done)
    return MYSQL_BINLOG_READ_END;
  return _mysql_binlog_source_read_event (self->inner, checksum, event, cancellable, error);
}

static GBytes *
snapshot_source_take_event (MysqlBinlogSource *source,
                            const guint8      *data,
                            gsize              length)
{
  SnapshotSource *self = (SnapshotSource *) source;

  return self->inner->funcs->take_event (self->inner, data, length);
}

static guint64
snapshot_source_get_rest (MysqlBinlogSource *source)
{
  SnapshotSource *self = (SnapshotSource *) source;

  return self->inner->funcs->get_rest (self->inner);
}

static gssize
snapshot_source_read_rest (MysqlBinlogSource  *source,
                           const guint8      **data,
                           GError            **error)
{
  SnapshotSource *self = (SnapshotSource *) source;

  return self->inner->funcs->read_rest (self->inner, data, error);
}

static char *
snapshot_source_where (MysqlBinlogSource        *source,
                       const MysqlBinlogTracker *tracker)
{
  SnapshotSource *self = (SnapshotSource *) source;

  return _mysql_binlog_source_where (self->inner, tracker);
}

static void
snapshot_source_interrupt (MysqlBinlogSource *source)
{
  SnapshotSource *self = (SnapshotSource *) source;

  _mysql_binlog_source_interrupt (self->inner);
  _mysql_binlog_snapshot_interrupt (self->snapshot);
}

static void
snapshot_source_free (MysqlBinlogSource *source)
{
  g_free (source);
}

MysqlBinlogSource *
_mysql_binlog_snapshot_wrap (MysqlBinlogSnapshot *snapshot,
                             MysqlBinlogSource   *inner,
                             MysqlBinlogTracker  *tracker,
                             gboolean             end_when_done)
{
  SnapshotSource *self = g_new0 (SnapshotSource, 1);

  self->funcs = (MysqlBinlogSourceFuncs) {
    .read_event = snapshot_source_read_event,
    .take_event = inner->funcs->take_event != NULL ? snapshot_source_take_event : NULL,
    .get_rest = inner->funcs->get_rest != NULL ? snapshot_source_get_rest : NULL,
    .read_rest = inner->funcs->read_rest != NULL ? snapshot_source_read_rest : NULL,
    .where = snapshot_source_where,
    .interrupt = snapshot_source_interrupt,
    .free = snapshot_source_free,
  };
  self->parent.funcs = &self->funcs;
  self->parent.flags = inner->flags;
  self->parent.take_threshold = inner->take_threshold;
  self->inner = inner;
  self->snapshot = snapshot;
  self->tracker = tracker;
  self->end_when_done = end_when_done;
  return &self->parent;
}

/* }}} */
