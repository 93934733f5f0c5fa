/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-dispatcher-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-event-private.h"
#include "mysql-binlog-gtid-private.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-row-batch-private.h"

/* MariaDB GTID event flag: the transaction is a single statement (DDL). */
#define MARIADB_GTID_FLAG_STANDALONE 0x01

struct _MysqlBinlogDispatcher
{
  const MysqlBinlogSink *sink;
  MysqlBinlogTracker *tracker;
  const MysqlBinlogFilter *filter;
  MysqlBinlogDecoder *decoder;
  MysqlBinlogSchemaHistory *history; /* borrowed; NULL: the tables are completed by no one */
  gint64 next_snapshot;             /* monotonic µs: a followed definition is handed over */

  /* The event being handled. */
  MysqlBinlogSource *source;        /* the source it comes from */
  gboolean in_parts;                /* the source hands out its rest */
  guint64 event_offset;             /* OWN_OFFSETS, NESTED: where it starts */
  GBytes *taken_event;              /* a big event taken out of the reader's buffer */
  const guint8 *taken_from;         /* where the reader had it */
};

/* One event on its way through its handlers: what they found, for the
 * `binlog` signal's event and for the tracker. */
typedef struct
{
  MysqlBinlogEventInfo info;
  guint64 position;          /* where the event starts */
  gboolean artificial;       /* its log_pos is no position of ours */
  gboolean safe_after;       /* a transaction boundary follows it */
  MysqlBinlogTable *table;   /* borrowed from the decoder */
  char *schema;
  char *table_name;
  char *statement;
  char *gtid;
  char *previous_file;       /* a rotate event belongs to the file it ends */
  char *details;
} Handled;

static void
handled_clear (Handled *event)
{
  g_free (event->schema);
  g_free (event->table_name);
  g_free (event->statement);
  g_free (event->gtid);
  g_free (event->previous_file);
  g_free (event->details);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Handled, handled_clear)

typedef gboolean (*Handler) (MysqlBinlogDispatcher  *self,
                             Handled                *event,
                             GError                **error);

static gboolean dispatch (MysqlBinlogDispatcher  *self,
                          const guint8           *data,
                          gsize                   length,
                          GError                **error);

MysqlBinlogDispatcher *
_mysql_binlog_dispatcher_new (const MysqlBinlogSink   *sink,
                              MysqlBinlogTracker      *tracker,
                              const MysqlBinlogFilter *filter,
                              MysqlBinlogDecoder      *decoder,
                              MysqlBinlogSchemaHistory *history)
{
  MysqlBinlogDispatcher *self = g_new0 (MysqlBinlogDispatcher, 1);

  self->sink = sink;
  self->tracker = tracker;
  self->filter = filter;
  self->decoder = decoder;
  self->history = history;
  return self;
}

void
_mysql_binlog_dispatcher_free (MysqlBinlogDispatcher *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->taken_event, g_bytes_unref);
  g_clear_pointer (&self->decoder, _mysql_binlog_decoder_free);
  g_free (self);
}

/* Where the run starts, until a transaction boundary is reached. */
static void
note_start (MysqlBinlogDispatcher *self)
{
  _mysql_binlog_sink_start (self->sink, _mysql_binlog_tracker_make_position (self->tracker));
}

/* @timestamp: of the event that ends the transaction, for the lag. */
static void
deliver_boundary (MysqlBinlogDispatcher *self,
                  MysqlBinlogPosition   *position,
                  guint32                timestamp)
{
  gint64 now;

  if (position == NULL)
    return;
  /* A definition read from the server, followed since (DDL statements
   * hand theirs over at once).  A state that lacks it is still right,
   * the table is only read again, so it waits until twenty times as
   * long as writing the last state took has passed: the first table maps
   * of a stream of thousands of tables do not write the whole history
   * each. */
  if (self->history != NULL && _mysql_binlog_schema_history_changed (self->history) &&
      (now = g_get_monotonic_time ()) >= self->next_snapshot)
    {
      g_autoptr(GBytes) snapshot = _mysql_binlog_schema_history_snapshot (self->history);

      self->next_snapshot = now + 20 * (g_get_monotonic_time () - now);
      _mysql_binlog_sink_schema_snapshot (self->sink, snapshot);
    }
  _mysql_binlog_sink_position_at (self->sink, position, timestamp);
}

/* The bytes of the event being handled, for its rows and its event
 * object, when it is a big one: the buffer the reader read it into is
 * taken (or, when it cannot be, copied once for both), and held until
 * the next event; NULL for the others, which are copied. */
static GBytes *
take_event (MysqlBinlogDispatcher      *self,
            const MysqlBinlogEventInfo *info)
{
  MysqlBinlogSource *source = self->source;

  if (self->taken_event != NULL && self->taken_from == info->data)
    return self->taken_event;
  if (source->take_threshold == 0 || info->partial || info->event_size < source->take_threshold)
    return NULL;

  g_clear_pointer (&self->taken_event, g_bytes_unref);
  self->taken_event = source->funcs->take_event (source, info->data, info->event_size);
  self->taken_from = info->data;
  return self->taken_event;
}

static gboolean
emit_rows (MysqlBinlogDispatcher      *self,
           const MysqlBinlogEventInfo *info,
           GError                    **error)
{
  MysqlBinlogRowsInfo rows;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MysqlBinlogRow) row = NULL;
  g_autoptr(MysqlBinlogRow) after = NULL;
  g_autoptr(MysqlBinlogRowBatch) batch = NULL;
  g_autoptr(MysqlBinlogRowBlock) block = NULL;
  g_autoptr(MysqlBinlogRowBlock) after_block = NULL;
  const guint8 *base, *cursor, *end, *charged;
  gint32 *framing;
  guint signal_id, batch_signal_id;
  gsize cost;

  if (!_mysql_binlog_decoder_rows (self->decoder, info, &rows, error))
    return FALSE;
  if (!rows.table->wanted)
    return TRUE;
  if (rows.table->unknown != NULL)
    {
      g_propagate_error (error, g_error_copy (rows.table->unknown));
      return FALSE;
    }
  if (!_mysql_binlog_decoder_check_rows (&rows, error))
    return FALSE;
  /* A snapshot reads the table in one pass at a later point, whose rows
   * have this change already. */
  if (_mysql_binlog_tracker_holds_table (self->tracker, rows.table->schema, rows.table->name))
    return TRUE;

  /* A handler may have been connected to this table since its table map
   * arrived. */
  if (rows.table->detail == 0)
    rows.table->detail = g_quark_try_string (rows.table->qualified_name);

  signal_id = _mysql_binlog_sink_rows_signal (self->sink, rows.kind, rows.table->detail);
  batch_signal_id = _mysql_binlog_sink_batch_signal (self->sink, rows.kind, rows.table->detail);
  if (signal_id == 0 && batch_signal_id == 0)
    return TRUE;
  if (batch_signal_id != 0)
    batch = _mysql_binlog_row_batch_new (rows.kind == 'u', 16);

  /* Rows point into one copy of the event, which lives as long as a
   * handler keeps any of them (a big one is not copied: take_event()). */
  bytes = take_event (self, info);
  if (bytes != NULL)
    g_bytes_ref (bytes);
  else
    bytes = g_bytes_new (info->data, info->length);
  base = g_bytes_get_data (bytes, NULL);
  cursor = base + (rows.rows - info->data);
  end = base + (rows.rows_end - info->data);

  /* How each column is framed, once for the event's rows. */
  framing = g_newa (gint32, MAX (rows.table->n_columns, 1));
  _mysql_binlog_row_framing (rows.table, framing);

  /* Each row is built in the memory of the previous one when no handler
   * kept that one: the emission's references are gone by then. */
  charged = base;
  while (cursor < end)
    {
      row = _mysql_binlog_row_build_reusing (rows.table, bytes, framing, rows.present,
                                             rows.n_present, info->timestamp, FALSE,
                                             g_steal_pointer (&row), &cursor, end, error);
      if (row == NULL)
        return FALSE;
      if (rows.kind == 'u')
        {
          after = _mysql_binlog_row_build_reusing (rows.table, bytes, framing,
                                                   rows.present_after, rows.n_present_after,
                                                   info->timestamp, rows.partial,
                                                   g_steal_pointer (&after), &cursor, end,
                                                   error);
          if (after == NULL)
            return FALSE;
        }
      /* The event's header with its first row, its trailer with its last. */
      cost = cursor - charged;
      charged = cursor;
      if (cursor >= end)
        cost += info->length - (gsize) (cursor - base);
      /* A batch keeps its rows.  Without row handlers, copies of them go
       * side by side into blocks, and the rows built here are built
       * again in the same memory; otherwise the emitted rows themselves
       * are kept and the next ones get memory of their own. */
      if (batch != NULL && signal_id == 0)
        _mysql_binlog_row_batch_take (batch,
                                      _mysql_binlog_row_block_copy (&block, row, end - cursor, cost),
                                      after != NULL
                                      ? _mysql_binlog_row_block_copy (&after_block, after,
                                                                      end - cursor, cost)
                                      : NULL);
      else if (batch != NULL)
        _mysql_binlog_row_batch_add (batch, row, after);
      if (signal_id != 0)
        _mysql_binlog_sink_rows (self->sink, signal_id, rows.table->detail, row, after, cost);
    }
  /* After the event's `binlog` and row emissions, before the next event. */
  if (batch != NULL && mysql_binlog_row_batch_get_n_rows (batch) > 0)
    {
      guint n_rows = mysql_binlog_row_batch_get_n_rows (batch);

      _mysql_binlog_sink_rows_batch (self->sink, batch_signal_id, rows.table->detail,
                                     g_steal_pointer (&batch), signal_id != 0 ? 0 : n_rows,
                                     info->length);
    }
  return TRUE;
}

/* The handlers of each kind of event, before the `binlog` signal: decode
 * it, move the tracker, fill in the event's fields. */

static gboolean
read_format_description (MysqlBinlogDispatcher  *self,
                         Handled                *event,
                         GError                **error)
{
  return _mysql_binlog_decoder_format_description (self->decoder, &event->info, error);
}

static gboolean
read_rotate (MysqlBinlogDispatcher  *self,
             Handled                *event,
             GError                **error)
{
  MysqlBinlogTracker *tracker = self->tracker;
  g_autofree char *next_file = NULL;
  guint64 position;

  if (!_mysql_binlog_decoder_rotate (self->decoder, &event->info, &next_file, &position, error))
    return FALSE;
  /* A file's events keep the file's name and offsets, whatever the file
   * continues with. */
  if (self->source->flags & MYSQL_BINLOG_SOURCE_OWN_OFFSETS)
    return TRUE;

  /* The rotate event itself still belongs to the file it ends. */
  event->previous_file = g_steal_pointer (&tracker->file);
  tracker->file = g_steal_pointer (&next_file);
  tracker->offset = position;
  /* The file changes at a transaction boundary: a place to resume from,
   * unless this is the server's note of where we start. */
  if (!event->artificial && !tracker->in_transaction)
    event->safe_after = TRUE;
  else if (!tracker->reached_safe)
    note_start (self);
  event->artificial = TRUE; /* the offset is already right */
  return TRUE;
}

/* What a statement logged as text means for the transaction. */
typedef enum {
  STATEMENT_BEGIN,        /* a transaction starts */
  STATEMENT_INSIDE,       /* inside one: nothing changes */
  STATEMENT_END,          /* it ends: a boundary */
  STATEMENT_ROWS,         /* changes rows: the session did not log rows */
  STATEMENT_OTHER,        /* DDL: table definitions may have changed */
} StatementKind;

/* The first keyword that matches wins: ROLLBACK TO before ROLLBACK. */
static const struct {
  const char *keyword;
  StatementKind kind;
} statement_kinds[] = {
  { "BEGIN", STATEMENT_BEGIN },
  { "XA START", STATEMENT_BEGIN },
  { "XA BEGIN", STATEMENT_BEGIN },
  { "SAVEPOINT", STATEMENT_INSIDE },
  { "ROLLBACK TO", STATEMENT_INSIDE },
  { "RELEASE SAVEPOINT", STATEMENT_INSIDE },
  { "XA END", STATEMENT_INSIDE },
  { "COMMIT", STATEMENT_END },
  { "ROLLBACK", STATEMENT_END },
  { "XA COMMIT", STATEMENT_END },
  { "XA ROLLBACK", STATEMENT_END },
  { "INSERT", STATEMENT_ROWS },
  { "UPDATE", STATEMENT_ROWS },
  { "DELETE", STATEMENT_ROWS },
  { "REPLACE", STATEMENT_ROWS },
  { "LOAD", STATEMENT_ROWS },
};

static gboolean
statement_is (const char *statement,
              const char *keyword)
{
  gsize length = strlen (keyword);

  return g_ascii_strncasecmp (statement, keyword, length) == 0 &&
         (statement[length] == '\0' || g_ascii_isspace (statement[length]) ||
          statement[length] == ';' || statement[length] == '/');
}

static StatementKind
classify_statement (const char *statement)
{
  while (g_ascii_isspace (*statement))
    statement++;
  for (gsize i = 0; i < G_N_ELEMENTS (statement_kinds); i++)
    if (statement_is (statement, statement_kinds[i].keyword))
      return statement_kinds[i].kind;
  return STATEMENT_OTHER;
}

static gboolean
read_query (MysqlBinlogDispatcher  *self,
            Handled                *event,
            GError                **error)
{
  MysqlBinlogTracker *tracker = self->tracker;
  gboolean exact;

  if (!_mysql_binlog_decoder_query (self->decoder, &event->info, &event->schema,
                                    &event->statement, &exact, error))
    return FALSE;

  switch (classify_statement (event->statement))
    {
    case STATEMENT_BEGIN:
      tracker->in_transaction = TRUE;
      break;
    case STATEMENT_INSIDE:
      break;
    case STATEMENT_END:
      event->safe_after = TRUE;
      break;
    case STATEMENT_ROWS:
      /* A file is read to inspect it: such statements come through as
       * `binlog` events, like every other event. */
      if (self->source->flags & MYSQL_BINLOG_SOURCE_INSPECTS)
        break;
      /* From a server, skipping it would lose its rows without a word. */
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_NOT_ROW_BASED,
                   "The binary log holds the statement “%.100s” instead of its rows: the "
                   "session that ran it used binlog_format STATEMENT or MIXED. Every "
                   "session must use binlog_format=ROW", event->statement);
      return FALSE;
    case STATEMENT_OTHER:
      /* A DDL statement (or another statement the server logged as
       * text): table definitions may have changed. */
      /* A statement read again after a reconnection was applied already. */
      if (self->history != NULL && !tracker->replaying)
        {
          g_auto(GStrv) changed = NULL;

          changed = _mysql_binlog_schema_history_statement (self->history, event->schema,
                                                            event->statement, exact,
                                                            _mysql_binlog_decoder_query_error_code (&event->info),
                                                            _mysql_binlog_decoder_query_server_collation (&event->info),
                                                            event->info.timestamp,
                                                            tracker->file,
                                                            event->artificial ? 0 : event->info.log_pos);
          if (_mysql_binlog_schema_history_changed (self->history))
            {
              g_autoptr(GBytes) snapshot = _mysql_binlog_schema_history_snapshot (self->history);

              _mysql_binlog_sink_schema_snapshot (self->sink, snapshot);
            }
          for (guint i = 0; changed != NULL && changed[i] != NULL; i++)
            _mysql_binlog_sink_schema_changed (self->sink, changed[i], event->statement);
        }
      if (!tracker->in_transaction)
        {
          _mysql_binlog_decoder_forget_tables (self->decoder);
          event->safe_after = TRUE;
        }
      break;
    }
  return TRUE;
}

static gboolean
read_xid (MysqlBinlogDispatcher  *self,
          Handled                *event,
          GError                **error)
{
  guint64 xid;

  if (!_mysql_binlog_decoder_xid (self->decoder, &event->info, &xid, error))
    return FALSE;
  event->safe_after = TRUE;
  return TRUE;
}

/* An event that changes no rows: its description only. */
static gboolean
read_note (MysqlBinlogDispatcher  *self,
           Handled                *event,
           GError                **error)
{
  event->details = _mysql_binlog_decoder_describe (self->decoder, &event->info, error);
  return event->details != NULL;
}

/* XA PREPARE ends the event group of an XA transaction: its XA COMMIT or
 * XA ROLLBACK comes later as a group of its own. */
static gboolean
read_xa_prepare (MysqlBinlogDispatcher  *self,
                 Handled                *event,
                 GError                **error)
{
  if (!read_note (self, event, error))
    return FALSE;
  event->safe_after = TRUE;
  return TRUE;
}

static gboolean
read_incident (MysqlBinlogDispatcher  *self,
               Handled                *event,
               GError                **error)
{
  guint16 number;
  g_autofree char *message = NULL;

  if (!_mysql_binlog_decoder_incident (self->decoder, &event->info, &number, &message, error))
    return FALSE;
  /* The source could not log some changes (for example a statement on a
   * non-transactional table failed half-way): a replica stops here.  A
   * file is read to inspect it, so it goes on, and the incident comes
   * through as a `binlog` event. */
  if (!(self->source->flags & MYSQL_BINLOG_SOURCE_INSPECTS) &&
      number != MYSQL_BINLOG_INCIDENT_NONE)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_SERVER,
                   "The source lost events (incident %s%s%s): changes made there are "
                   "missing from the binary log. Check the tables concerned, then start "
                   "after the incident, at %s:%u",
                   _mysql_binlog_incident_name (number), *message != '\0' ? ": " : "",
                   message, self->tracker->file != NULL ? self->tracker->file : "?",
                   event->info.log_pos);
      return FALSE;
    }
  return read_note (self, event, error);
}

static gboolean
read_mariadb_gtid (MysqlBinlogDispatcher  *self,
                   Handled                *event,
                   GError                **error)
{
  MysqlBinlogGtidSet *pending;
  guint32 domain;
  guint64 sequence;
  guint8 flags;

  if (!_mysql_binlog_decoder_mariadb_gtid (self->decoder, &event->info, &domain, &sequence,
                                           &flags, error))
    return FALSE;
  event->gtid = g_strdup_printf ("%u-%u-%" G_GUINT64_FORMAT, domain, event->info.server_id,
                                 sequence);
  if (!(flags & MARIADB_GTID_FLAG_STANDALONE))
    self->tracker->in_transaction = TRUE;
  pending = _mysql_binlog_gtid_set_new ();
  _mysql_binlog_gtid_set_add_mariadb (pending, domain, event->info.server_id, sequence, NULL);
  _mysql_binlog_tracker_begin_gtid (self->tracker, pending);
  return TRUE;
}

static gboolean
read_gtid_state (MysqlBinlogDispatcher  *self,
                 Handled                *event,
                 GError                **error)
{
  const MysqlBinlogEventInfo *info = &event->info;
  g_autoptr(MysqlBinlogGtidSet) state = _mysql_binlog_gtid_set_new ();
  gsize available = info->length - (info->post_header - info->data);
  gboolean ok;

  if (info->type == MYSQL_BINLOG_EVENT_GTID_LIST)
    ok = _mysql_binlog_gtid_parse_mariadb_list (info->post_header, available, state, error);
  else
    ok = _mysql_binlog_gtid_parse_previous_gtids (info->post_header, available, state, error);
  if (!ok)
    return FALSE;
  /* The state at the start of the file (or where a GTID start begins):
   * it replaces what was tracked. */
  _mysql_binlog_tracker_set_gtid_state (self->tracker, g_steal_pointer (&state));
  return TRUE;
}

static gboolean
read_mysql_gtid (MysqlBinlogDispatcher  *self,
                 Handled                *event,
                 GError                **error)
{
  const MysqlBinlogEventInfo *info = &event->info;
  gsize available = info->length - (info->post_header - info->data);
  g_autofree char *tag = NULL;
  MysqlBinlogGtidSet *pending = NULL;
  guint8 uuid[16];
  guint64 gno;

  if (!_mysql_binlog_gtid_parse_mysql_event (info->type, info->post_header, available,
                                             uuid, &tag, &gno, error))
    return FALSE;
  if (gno > 0)
    {
      pending = _mysql_binlog_gtid_set_new ();
      if (!_mysql_binlog_gtid_set_add_mysql (pending, uuid, tag, gno, gno, NULL))
        g_clear_pointer (&pending, _mysql_binlog_gtid_set_free);
      else
        event->gtid = _mysql_binlog_gtid_set_to_string (pending);  /* uuid[:tag]:gno */
    }
  _mysql_binlog_tracker_begin_gtid (self->tracker, pending);
  return TRUE;
}

static gboolean
read_heartbeat (MysqlBinlogDispatcher  *self,
                Handled                *event,
                GError                **error)
{
  /* Not part of the log: its position is the server's, not ours. */
  event->artificial = TRUE;
  if (!read_note (self, event, error))
    return FALSE;
  /* The server had nothing more to send: the stream caught up, and it is
   * a moment to save what save-interval held back. */
  _mysql_binlog_sink_idle (self->sink);
  return TRUE;
}

static gboolean
read_rows_query (MysqlBinlogDispatcher  *self,
                 Handled                *event,
                 GError                **error)
{
  const guint8 *text = event->info.body;
  gsize text_length = event->info.body_length;

  /* MySQL's ROWS_QUERY starts with a (truncated) length byte. */
  if (event->info.type == MYSQL_BINLOG_EVENT_ROWS_QUERY && text_length > 0)
    text++, text_length--;
  event->statement = g_utf8_make_valid ((const char *) text, text_length);
  return TRUE;
}

static gboolean
read_table_map (MysqlBinlogDispatcher  *self,
                Handled                *event,
                GError                **error)
{
  MysqlBinlogTableNeeds needs = 0;
  gboolean is_new = FALSE;
  MysqlBinlogTable *table;

  table = _mysql_binlog_decoder_table_map (self->decoder, &event->info, &is_new, &needs, error);
  if (table == NULL)
    return FALSE;
  /* The same table map, left incomplete while events were read again and
   * not emitted: now that they are emitted, it is completed afresh. */
  if (!is_new && table->unknown != NULL && !self->tracker->replaying)
    {
      _mysql_binlog_decoder_forget_table (self->decoder, table->id);
      table = _mysql_binlog_decoder_table_map (self->decoder, &event->info, &is_new, &needs, error);
      if (table == NULL)
        return FALSE;
    }
  event->table = table;
  if (!is_new)
    return TRUE;

  table->wanted = _mysql_binlog_filter_wants (self->filter, table);
  if (table->wanted && needs != 0 && self->history != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (_mysql_binlog_schema_history_complete (self->history, table, needs,
                                                 event->info.timestamp, self->tracker->file,
                                                 event->artificial ? 0 : event->position,
                                                 &local_error))
        return TRUE;
      /* An event read again and not emitted (before a file's start
       * position, or delivered before a reconnection): that its table's
       * definition is not known there fails nothing by itself.  The table
       * keeps why, so that its rows fail with it if any are emitted (a
       * start position between a table map and its rows), and a later
       * table map of the table is completed afresh. */
      if (self->tracker->replaying && local_error->domain == MYSQL_BINLOG_ERROR &&
          local_error->code == MYSQL_BINLOG_ERROR_UNSUPPORTED)
        {
          g_debug ("A table map read again, not emitted: %s", local_error->message);
          table->unknown = g_steal_pointer (&local_error);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* A rows event names its table: the event's schema and table. */
static gboolean
read_rows (MysqlBinlogDispatcher  *self,
           Handled                *event,
           GError                **error)
{
  guint64 table_id;

  if (_mysql_binlog_decoder_table_id (self->decoder, &event->info, &table_id))
    event->table = _mysql_binlog_decoder_lookup_table (self->decoder, table_id);
  return TRUE;
}

static gboolean
read_start_encryption (MysqlBinlogDispatcher  *self,
                       Handled                *event,
                       GError                **error)
{
  /* A server decrypts what it sends to a replica, and passes this event
   * on; in a file, the events after it are encrypted with a key only the
   * server has. */
  if (!(self->source->flags & MYSQL_BINLOG_SOURCE_STORED))
    return TRUE;
  g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "The binary log is encrypted (encrypt_binlog=ON): its events cannot "
                       "be read without the server's encryption key; read it from the "
                       "server, which decrypts it, instead of from the file");
  return FALSE;
}

/* The handlers after the `binlog` signal: the rows, the inner events. */

static gboolean
emit_plain_rows (MysqlBinlogDispatcher  *self,
                 Handled                *event,
                 GError                **error)
{
  if (self->tracker->replaying)
    return TRUE;
  return emit_rows (self, &event->info, error);
}

static gboolean
emit_compressed_rows (MysqlBinlogDispatcher  *self,
                      Handled                *event,
                      GError                **error)
{
  MysqlBinlogEventInfo plain;
  g_autoptr(GBytes) uncompressed = NULL;

  /* Without a table map, uncompressing reports it. */
  if (self->tracker->replaying || (event->table != NULL && !event->table->wanted))
    return TRUE;
  uncompressed = _mysql_binlog_decoder_uncompress_rows (self->decoder, &event->info, &plain, error);
  return uncompressed != NULL && emit_rows (self, &plain, error);
}

/* The events of a transaction payload, decompressed as they are read,
 * go through dispatch() like any others.
 *
 * A large payload event of a file is read in parts (see
 * mysql-binlog-file-source-private.h), so its CRC32 is known only at its
 * end, after its events went through: the safe position its commit
 * reaches is held back until the checksum is verified, and a mismatch
 * fails the run with MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH at the
 * payload's offset.  The rows it emitted before came from a corrupt
 * event: no position after them is ever reported, so a position store
 * resumes before the payload. */
static gboolean
emit_payload (MysqlBinlogDispatcher  *self,
              Handled                *event,
              GError                **error)
{
  MysqlBinlogSource *outer = self->source;
  gboolean outer_in_parts = self->in_parts;
  guint64 outer_offset = self->event_offset;
  gboolean saved_checksum = _mysql_binlog_decoder_get_checksum (self->decoder);
  g_autoptr(MysqlBinlogSource) payload = NULL;
  gboolean ok = TRUE;

  if (outer->flags & MYSQL_BINLOG_SOURCE_NESTED)
    return _mysql_binlog_set_corrupt (error, "Transaction payload inside a transaction payload");

  payload = _mysql_binlog_payload_source_new (outer, &event->info, event->position,
                                              event->info.partial, error);
  if (payload == NULL)
    return FALSE;

  /* The inner events carry no checksum of their own: the payload's
   * covers them. */
  self->source = payload;
  self->in_parts = FALSE;
  _mysql_binlog_tracker_begin_payload (self->tracker, event->info.partial);
  _mysql_binlog_decoder_set_checksum (self->decoder, FALSE);
  /* stop() ends the stream after the current inner event. */
  while (ok && !_mysql_binlog_sink_stop_requested (self->sink))
    {
      MysqlBinlogSourceEvent inner;

      switch (_mysql_binlog_source_read_event (payload, FALSE, &inner, NULL, error))
        {
        case MYSQL_BINLOG_READ_END:
          /* Read to its end: a payload read in parts is verified now. */
          deliver_boundary (self, _mysql_binlog_tracker_payload_verified (self->tracker),
                            event->info.timestamp);
          goto done;
        case MYSQL_BINLOG_READ_ERROR:
          ok = FALSE;
          break;
        case MYSQL_BINLOG_READ_EVENT:
          self->event_offset = inner.offset;
          ok = dispatch (self, inner.data, inner.length, error);
          break;
        }
    }

done:
  _mysql_binlog_tracker_end_payload (self->tracker);
  _mysql_binlog_decoder_set_checksum (self->decoder, saved_checksum);
  self->source = outer;
  self->in_parts = outer_in_parts;
  self->event_offset = outer_offset;
  return ok;
}

/* What each kind of event goes through: @read before the `binlog` signal,
 * @emit after it.  Kinds not listed are only emitted as events. */
typedef struct
{
  Handler read;
  Handler emit;
} EventKind;

static const EventKind event_kinds[256] = {
  [MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION] = { read_format_description, NULL },
  [MYSQL_BINLOG_EVENT_ROTATE] = { read_rotate, NULL },
  [MYSQL_BINLOG_EVENT_QUERY] = { read_query, NULL },
  [MYSQL_BINLOG_EVENT_QUERY_COMPRESSED] = { read_query, NULL },
  [MYSQL_BINLOG_EVENT_XID] = { read_xid, NULL },
  [MYSQL_BINLOG_EVENT_XA_PREPARE] = { read_xa_prepare, NULL },
  /* Group replication's notes: they change no rows. */
  [MYSQL_BINLOG_EVENT_TRANSACTION_CONTEXT] = { read_note, NULL },
  [MYSQL_BINLOG_EVENT_VIEW_CHANGE] = { read_note, NULL },
  [MYSQL_BINLOG_EVENT_INCIDENT] = { read_incident, NULL },
  [MYSQL_BINLOG_EVENT_MARIADB_GTID] = { read_mariadb_gtid, NULL },
  [MYSQL_BINLOG_EVENT_GTID_LIST] = { read_gtid_state, NULL },
  [MYSQL_BINLOG_EVENT_PREVIOUS_GTIDS] = { read_gtid_state, NULL },
  [MYSQL_BINLOG_EVENT_GTID] = { read_mysql_gtid, NULL },
  [MYSQL_BINLOG_EVENT_ANONYMOUS_GTID] = { read_mysql_gtid, NULL },
  [MYSQL_BINLOG_EVENT_GTID_TAGGED] = { read_mysql_gtid, NULL },
  [MYSQL_BINLOG_EVENT_HEARTBEAT] = { read_heartbeat, NULL },
  [MYSQL_BINLOG_EVENT_HEARTBEAT_V2] = { read_heartbeat, NULL },
  [MYSQL_BINLOG_EVENT_ANNOTATE_ROWS] = { read_rows_query, NULL },
  [MYSQL_BINLOG_EVENT_ROWS_QUERY] = { read_rows_query, NULL },
  [MYSQL_BINLOG_EVENT_TABLE_MAP] = { read_table_map, NULL },
  [MYSQL_BINLOG_EVENT_WRITE_ROWS_V1] = { read_rows, emit_plain_rows },
  [MYSQL_BINLOG_EVENT_UPDATE_ROWS_V1] = { read_rows, emit_plain_rows },
  [MYSQL_BINLOG_EVENT_DELETE_ROWS_V1] = { read_rows, emit_plain_rows },
  [MYSQL_BINLOG_EVENT_WRITE_ROWS] = { read_rows, emit_plain_rows },
  [MYSQL_BINLOG_EVENT_UPDATE_ROWS] = { read_rows, emit_plain_rows },
  [MYSQL_BINLOG_EVENT_DELETE_ROWS] = { read_rows, emit_plain_rows },
  [MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS] = { read_rows, emit_plain_rows },
  [MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1] = { read_rows, emit_compressed_rows },
  [MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED_V1] = { read_rows, emit_compressed_rows },
  [MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED_V1] = { read_rows, emit_compressed_rows },
  [MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED] = { read_rows, emit_compressed_rows },
  [MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED] = { read_rows, emit_compressed_rows },
  [MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED] = { read_rows, emit_compressed_rows },
  [MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD] = { NULL, emit_payload },
  [MYSQL_BINLOG_EVENT_START_ENCRYPTION] = { read_start_encryption, NULL },
};

/* Emits the `binlog` signal for the event, once its handlers read it. */
static void
emit_event (MysqlBinlogDispatcher *self,
            Handled               *event)
{
  MysqlBinlogTracker *tracker = self->tracker;
  g_autoptr(MysqlBinlogEvent) object = NULL;

  if (event->table != NULL)
    {
      g_free (event->schema);
      event->schema = g_strdup (event->table->schema);
      event->table_name = g_strdup (event->table->name);
    }
  object = _mysql_binlog_event_new (&event->info, take_event (self, &event->info),
                                    event->previous_file != NULL ? event->previous_file
                                                                 : tracker->file,
                                    event->position,
                                    event->artificial ? 0 : event->info.log_pos,
                                    g_steal_pointer (&event->schema),
                                    g_steal_pointer (&event->table_name),
                                    g_steal_pointer (&event->statement),
                                    g_steal_pointer (&event->gtid));
  if (event->details != NULL && *event->details != '\0')
    _mysql_binlog_event_take_details (object, g_steal_pointer (&event->details));
  _mysql_binlog_sink_event (self->sink, g_steal_pointer (&object), event->info.event_size);
}

static gboolean
dispatch (MysqlBinlogDispatcher  *self,
          const guint8           *data,
          gsize                   length,
          GError                **error)
{
  MysqlBinlogTracker *tracker = self->tracker;
  MysqlBinlogSourceFlags flags = self->source->flags;
  g_auto(Handled) event = { 0, };
  MysqlBinlogEventInfo *info = &event.info;
  const EventKind *kind;

  if (self->in_parts
      ? !_mysql_binlog_decoder_parse_first_part (self->decoder, data, length, info, error)
      : !_mysql_binlog_decoder_parse_header (self->decoder, data, length, info, error))
    return FALSE;

  event.artificial = info->log_pos == 0 || (info->flags & MYSQL_BINLOG_EVENT_FLAG_ARTIFICIAL);
  event.position = (!event.artificial && info->log_pos >= info->event_size)
                   ? info->log_pos - info->event_size : tracker->offset;
  if (flags & MYSQL_BINLOG_SOURCE_NESTED)
    {
      /* An event inside a transaction payload: it is at the payload's
       * position, and the offset after it is the payload's end.  It
       * shares the payload's verdict on replaying. */
      event.artificial = TRUE;
      event.position = self->event_offset;
    }
  else
    {
      if (flags & MYSQL_BINLOG_SOURCE_OWN_OFFSETS)
        {
          /* A file's own offsets are the truth: a relay log's events
           * carry the positions of the source's binary log. */
          event.artificial = FALSE;
          event.position = self->event_offset;
          info->log_pos = self->event_offset + info->event_size;
        }
      /* After a reconnection: this event was emitted before. */
      _mysql_binlog_tracker_check_replay (tracker,
                                          event.artificial ||
                                          info->type == MYSQL_BINLOG_EVENT_HEARTBEAT ||
                                          info->type == MYSQL_BINLOG_EVENT_HEARTBEAT_V2,
                                          info->log_pos);
    }

  kind = &event_kinds[info->type];
  if (kind->read != NULL && !kind->read (self, &event, error))
    return FALSE;

  _mysql_binlog_tracker_advance (tracker, event.artificial, info->log_pos);

  if (!tracker->replaying && _mysql_binlog_sink_wants_events (self->sink))
    emit_event (self, &event);

  if (kind->emit != NULL && !kind->emit (self, &event, error))
    return FALSE;

  _mysql_binlog_tracker_emitted (tracker, event.artificial, info->log_pos);
  if (event.safe_after)
    deliver_boundary (self, _mysql_binlog_tracker_boundary (tracker), info->timestamp);
  return TRUE;
}

gboolean
_mysql_binlog_dispatcher_read (MysqlBinlogDispatcher  *self,
                               MysqlBinlogSource      *source,
                               GCancellable           *cancellable,
                               guint64                *delivered,
                               GError                **error)
{
  while (!_mysql_binlog_sink_stop_requested (self->sink))
    {
      MysqlBinlogSourceEvent next;
      gboolean ok;

      switch (_mysql_binlog_source_read_event (source,
                                               _mysql_binlog_decoder_get_checksum (self->decoder),
                                               &next, cancellable, error))
        {
        case MYSQL_BINLOG_READ_END:
          return TRUE;
        case MYSQL_BINLOG_READ_ERROR:
          return FALSE;
        case MYSQL_BINLOG_READ_EVENT:
          break;
        }

      self->source = source;
      self->in_parts = next.in_parts;
      self->event_offset = next.offset;
      ok = dispatch (self, next.data, next.length, error);
      self->source = NULL;
      g_clear_pointer (&self->taken_event, g_bytes_unref);
      if (!ok)
        {
          g_autofree char *where = _mysql_binlog_source_where (source, self->tracker);

          g_prefix_error (error, "%s: ", where);
          return FALSE;
        }
      if (delivered != NULL)
        *delivered = self->tracker->n_delivered;
    }
  return TRUE;
}
