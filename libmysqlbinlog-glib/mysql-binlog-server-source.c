/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-error.h"
#include "mysql-binlog-gtid-private.h"
#include "mysql-binlog-server-source-private.h"

/* Replica capability announced to MariaDB: understands GTID events. */
#define MARIADB_SLAVE_CAPABILITY_GTID 4

typedef struct
{
  MysqlBinlogSource parent;
  GMutex lock;
  MysqlBinlogTransport *transport;  /* with lock, for interrupt() */
  MysqlBinlogConnecting *connecting;  /* with lock, while connecting */
  gboolean interrupted;             /* with lock */
} ServerSource;

static gboolean
check_server (MysqlBinlogTransport  *transport,
              gboolean              *checksum,
              GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *row;
  const char *log_bin, *format, *alg;
  g_autofree char *set_checksum = NULL;
  g_autofree char *quoted = NULL;

  if (!_mysql_binlog_transport_query (transport,
                                      "SELECT @@global.log_bin, @@global.binlog_format, "
                                      "@@global.binlog_checksum",
                                      &rows, error))
    return FALSE;
  if (rows->len != 1)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_SERVER,
                           "The server did not report its binary log settings");
      return FALSE;
    }
  row = g_ptr_array_index (rows, 0);
  log_bin = g_ptr_array_index (row, 0);
  format = g_ptr_array_index (row, 1);
  alg = g_ptr_array_index (row, 2);

  if (log_bin == NULL || g_strcmp0 (log_bin, "0") == 0 || g_ascii_strcasecmp (log_bin, "OFF") == 0)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_BINLOG_DISABLED,
                           "The server does not write a binary log (log_bin is OFF): "
                           "start it with --log-bin to read its changes");
      return FALSE;
    }
  if (format == NULL || g_ascii_strcasecmp (format, "ROW") != 0)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_NOT_ROW_BASED,
                   "The server's binlog_format is %s, not ROW: changes would arrive as "
                   "statements instead of rows; set binlog_format=ROW",
                   format != NULL ? format : "unknown");
      return FALSE;
    }

  /* Announce the server's own checksum algorithm: events then come as
   * the server stores them, and we verify the CRC32 ourselves. */
  *checksum = alg != NULL && g_ascii_strcasecmp (alg, "CRC32") == 0;
  quoted = _mysql_binlog_transport_quote (transport, alg != NULL ? alg : "NONE");
  set_checksum = g_strdup_printf ("SET @master_binlog_checksum = %s, @source_binlog_checksum = %s, "
                                  "@mariadb_slave_capability = %d",
                                  quoted, quoted, MARIADB_SLAVE_CAPABILITY_GTID);
  return _mysql_binlog_transport_query (transport, set_checksum, NULL, error);
}

static gboolean
find_current_position (MysqlBinlogTransport  *transport,
                       char                 **file,
                       guint64               *offset,
                       char                 **gtid_set,
                       GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *row;
  g_autoptr(GError) local_error = NULL;

  if (!_mysql_binlog_transport_query (transport, "SHOW MASTER STATUS", &rows, &local_error))
    {
      /* MySQL 8.4 and later removed it in favour of the new name. */
      if (!g_error_matches (local_error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_SERVER))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!_mysql_binlog_transport_query (transport, "SHOW BINARY LOG STATUS", &rows, error))
        return FALSE;
    }

  if (rows->len == 0 || (row = g_ptr_array_index (rows, 0))->len < 2 ||
      g_ptr_array_index (row, 0) == NULL || g_ptr_array_index (row, 1) == NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_BINLOG_DISABLED,
                           "The server reports no binary log position: is log_bin enabled?");
      return FALSE;
    }

  *file = g_strdup (g_ptr_array_index (row, 0));
  *offset = g_ascii_strtoull (g_ptr_array_index (row, 1), NULL, 10);
  /* MySQL adds Executed_Gtid_Set: the GTID state at that position. */
  *gtid_set = row->len >= 5 ? g_strdup (g_ptr_array_index (row, 4)) : NULL;
  return TRUE;
}

static gboolean
check_file_exists (MysqlBinlogTransport  *transport,
                   const char            *file,
                   GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) names = NULL;

  /* Without the privilege to list the logs, the dump reports it instead. */
  if (!_mysql_binlog_transport_query (transport, "SHOW BINARY LOGS", &rows, NULL))
    return TRUE;

  names = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      const char *name = row->len > 0 ? g_ptr_array_index (row, 0) : NULL;

      if (g_strcmp0 (name, file) == 0)
        return TRUE;
      if (name != NULL && (i == 0 || i + 1 == rows->len))
        g_string_append_printf (names, "%s%s", names->len > 0 ? " … " : "", name);
    }

  g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND,
               "The server has no binary log file “%s” (never written, or purged); "
               "its binary logs are %s", file, names->len > 0 ? names->str : "none");
  return FALSE;
}

static gboolean
looks_like_mariadb_gtid_set (const char *gtid_set)
{
  g_autoptr(MysqlBinlogGtidSet) set = _mysql_binlog_gtid_set_parse (gtid_set, NULL);

  return set != NULL && _mysql_binlog_gtid_set_get_kind (set) == MYSQL_BINLOG_GTID_KIND_MARIADB;
}

/* MariaDB knows the GTID state at any file position. */
static void
init_gtid_state (MysqlBinlogTracker   *tracker,
                 MysqlBinlogTransport *transport,
                 const char           *file,
                 guint64               offset)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *state = NULL;
  MysqlBinlogGtidSet *set;

  _mysql_binlog_tracker_set_gtid_state (tracker, NULL);
  quoted = _mysql_binlog_transport_quote (transport, file);
  sql = g_strdup_printf ("SELECT BINLOG_GTID_POS(%s, %" G_GUINT64_FORMAT ")", quoted, offset);
  /* MySQL has no such function: its state comes from PREVIOUS_GTIDS. */
  state = _mysql_binlog_transport_query_value (transport, sql, NULL);
  if (state == NULL)
    return;
  set = _mysql_binlog_gtid_set_parse (state, NULL);
  if (set != NULL)
    _mysql_binlog_tracker_set_gtid_state (tracker, set);
}

/* Where a (re)connection starts: the last transaction boundary read, or
 * where the run started.
 *
 * A reconnection resumes exactly where the stream was, or fails: a run
 * that started at the server's end asks again for the file and offset that
 * end had then (the end has moved on, past whatever was written while the
 * stream was away), and a run that started at a GTID state asks by GTID
 * again, for the state after the last transaction read.  The server
 * refuses both when the binary log that holds them was purged
 * (POSITION_NOT_FOUND, never retried); a request it could answer from a
 * later place (the current end, an empty file name) is never made. */
static gboolean
start_dump (MysqlBinlogTransport            *transport,
            const MysqlBinlogServerSettings *settings,
            MysqlBinlogTracker              *tracker,
            gboolean                        *moved,
            GError                         **error)
{
  MysqlBinlogPosition *start = _mysql_binlog_tracker_get_resume_point (tracker);
  g_autoptr(MysqlBinlogPosition) by_gtid = NULL;
  g_autofree char *file = NULL;
  guint64 offset = 4;

  _mysql_binlog_tracker_begin_gtid (tracker, NULL);

  if (start != NULL && start == tracker->resume && _mysql_binlog_tracker_started_by_gtid (tracker))
    {
      const char *gtid_set = mysql_binlog_position_get_gtid_set (start);

      /* Started by GTID: the state after the last transaction read.  It
       * holds at least the start state, so it cannot be empty. */
      if (gtid_set == NULL)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                       "The stream started at a GTID state but lost track of it at %s:%"
                       G_GUINT64_FORMAT ": it cannot resume by GTID",
                       mysql_binlog_position_get_file (start) != NULL ?
                       mysql_binlog_position_get_file (start) : "?",
                       mysql_binlog_position_get_offset (start));
          return FALSE;
        }
      by_gtid = mysql_binlog_position_new_for_gtid_set (gtid_set);
      start = by_gtid;
    }

  if (start != NULL && mysql_binlog_position_get_file (start) != NULL)
    {
      const char *gtid_set = mysql_binlog_position_get_gtid_set (start);

      file = g_strdup (mysql_binlog_position_get_file (start));
      offset = MAX (mysql_binlog_position_get_offset (start), 4);
      if (!check_file_exists (transport, file, error))
        return FALSE;
      if (gtid_set != NULL)
        _mysql_binlog_tracker_set_gtid_state (tracker, _mysql_binlog_gtid_set_parse (gtid_set, NULL));
      else
        init_gtid_state (tracker, transport, file, offset);
    }
  else if (start != NULL)
    {
      const char *gtid_set = mysql_binlog_position_get_gtid_set (start);
      g_autoptr(MysqlBinlogGtidSet) set = NULL;

      set = _mysql_binlog_gtid_set_parse (gtid_set, error);
      if (set == NULL)
        return FALSE;
      _mysql_binlog_tracker_set_gtid_state (tracker, _mysql_binlog_gtid_set_copy (set));

      if (looks_like_mariadb_gtid_set (gtid_set))
        {
          g_autofree char *quoted = NULL;
          g_autofree char *sql = NULL;

          quoted = _mysql_binlog_transport_quote (transport, gtid_set);
          sql = g_strdup_printf ("SET @slave_connect_state = %s, @slave_gtid_strict_mode = 0, "
                                 "@slave_gtid_ignore_duplicates = 0", quoted);
          if (!_mysql_binlog_transport_query (transport, sql, NULL, error))
            return FALSE;
          file = g_strdup ("");
        }
      else
        {
          g_autoptr(GBytes) encoded = _mysql_binlog_gtid_set_encode (set);

          return _mysql_binlog_transport_start_dump_gtid (transport, settings->server_id, encoded,
                                                          !settings->blocking, error);
        }
    }
  else
    {
      g_autofree char *executed = NULL;
      MysqlBinlogGtidSet *set;

      if (!find_current_position (transport, &file, &offset, &executed, error))
        return FALSE;
      if (executed != NULL && *executed != '\0' &&
          (set = _mysql_binlog_gtid_set_parse (executed, NULL)) != NULL)
        _mysql_binlog_tracker_set_gtid_state (tracker, set);
      else
        init_gtid_state (tracker, transport, file, offset);
      /* The run starts here: a reconnection before the first transaction
       * boundary comes back to this file and offset, not to the end the
       * server has by then. */
      tracker->run_start = mysql_binlog_position_new (file, offset);
    }

  if (*file != '\0')
    {
      _mysql_binlog_tracker_move_to (tracker, file, offset);
      *moved = TRUE;
    }

  return _mysql_binlog_transport_start_dump (transport, settings->server_id, file, offset,
                                             !settings->blocking, error);
}

static MysqlBinlogReadResult
server_source_read_event (MysqlBinlogSource       *source,
                          gboolean                 checksum,
                          MysqlBinlogSourceEvent  *event,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  ServerSource *self = (ServerSource *) source;

  event->offset = 0;
  event->in_parts = FALSE;
  return _mysql_binlog_transport_read_event (self->transport, &event->data, &event->length, error);
}

static GBytes *
server_source_take_event (MysqlBinlogSource *source,
                          const guint8      *data,
                          gsize              length)
{
  return _mysql_binlog_transport_take_event (((ServerSource *) source)->transport, data, length);
}

static char *
server_source_where (MysqlBinlogSource        *source,
                     const MysqlBinlogTracker *tracker)
{
  return g_strdup_printf ("At %s:%" G_GUINT64_FORMAT,
                          tracker->file != NULL ? tracker->file : "?", tracker->offset);
}

static void
server_source_interrupt (MysqlBinlogSource *source)
{
  ServerSource *self = (ServerSource *) source;

  g_mutex_lock (&self->lock);
  self->interrupted = TRUE;
  if (self->connecting != NULL)
    _mysql_binlog_connecting_abandon (self->connecting);
  if (self->transport != NULL)
    _mysql_binlog_transport_interrupt (self->transport);
  g_mutex_unlock (&self->lock);
}

static void
server_source_free (MysqlBinlogSource *source)
{
  ServerSource *self = (ServerSource *) source;

  g_clear_pointer (&self->transport, _mysql_binlog_transport_free);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static const MysqlBinlogSourceFuncs server_source_funcs = {
  .read_event = server_source_read_event,
  .take_event = server_source_take_event,
  .where = server_source_where,
  .interrupt = server_source_interrupt,
  .free = server_source_free,
};

MysqlBinlogSource *
_mysql_binlog_server_source_new (void)
{
  ServerSource *self = g_new0 (ServerSource, 1);

  self->parent.funcs = &server_source_funcs;
  self->parent.flags = 0;
  self->parent.take_threshold = MYSQL_BINLOG_TRANSPORT_TAKE_THRESHOLD;
  g_mutex_init (&self->lock);
  return &self->parent;
}

gboolean
_mysql_binlog_server_source_open (MysqlBinlogSource               *source,
                                  const MysqlBinlogServerSettings *settings,
                                  MysqlBinlogTracker              *tracker,
                                  gboolean                        *checksum,
                                  gboolean                        *moved,
                                  GError                         **error)
{
  ServerSource *self = (ServerSource *) source;
  MysqlBinlogConnecting *connecting;
  MysqlBinlogTransport *transport;

  *checksum = FALSE;
  *moved = FALSE;
  /* Connected on a thread of its own, so that interrupt() ends the wait
   * for it at once, wherever the connect blocks. */
  connecting = _mysql_binlog_connecting_start (settings->options);
  g_mutex_lock (&self->lock);
  self->connecting = connecting;
  if (self->interrupted)
    _mysql_binlog_connecting_abandon (connecting);
  g_mutex_unlock (&self->lock);

  transport = _mysql_binlog_connecting_wait (connecting, error);

  g_mutex_lock (&self->lock);
  self->connecting = NULL;
  g_mutex_unlock (&self->lock);
  _mysql_binlog_connecting_free (connecting);
  if (transport == NULL)
    return FALSE;

  g_mutex_lock (&self->lock);
  self->transport = transport;
  if (self->interrupted)
    _mysql_binlog_transport_interrupt (transport);
  g_mutex_unlock (&self->lock);

  if (!check_server (transport, checksum, error))
    return FALSE;

  if (settings->heartbeat_period > 0)
    {
      g_autofree char *sql = NULL;
      guint64 ns = (guint64) settings->heartbeat_period * 1000000;

      sql = g_strdup_printf ("SET @master_heartbeat_period = %" G_GUINT64_FORMAT ", "
                             "@source_heartbeat_period = %" G_GUINT64_FORMAT, ns, ns);
      if (!_mysql_binlog_transport_query (transport, sql, NULL, error))
        return FALSE;
    }

  return start_dump (transport, settings, tracker, moved, error);
}
