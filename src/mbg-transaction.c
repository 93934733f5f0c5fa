/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The JSON messages of a transaction, and what its commit tells about it.
 *
 * A transaction starts with a GTID event (or a BEGIN statement) and ends
 * where the stream gives the position after it (binlog-position), right
 * after its commit event (XID, or a COMMIT statement) or its DDL
 * statement.  Its row and DDL messages are held until then, so that each
 * of them carries the commit's "xid", "position", "ts" and "txn_rows";
 * with --transactions a begin message comes before them and a commit
 * message after them (for a transaction with at least one row message).
 *
 * Holding is bounded: past HOLD_BYTES of text (or HOLD_MESSAGES messages,
 * or HOLD_BYTES of row values, when messages are objects) the transaction
 * goes out as it comes, its messages without the commit's members, which
 * only its commit message then has.  A value too big to be copied into a
 * line (mbg-message.c) sends the transaction on the same way.
 *
 * Two ways out: with neither --amqp nor --dedup-window ("direct"), the
 * lines are written as text into one buffer, straight from the rows,
 * without an object per message; otherwise each message is an MbgMessage
 * for the --dedup-window buffer and the broker. */

#include "config.h"

#include <string.h>

#include "mbg-transaction.h"

/* The text (or the row values) of a transaction held before it goes out
 * as it comes. */
#define HOLD_BYTES (4 * 1024 * 1024)
/* The messages held as objects before it does. */
#define HOLD_MESSAGES 10000

typedef struct
{
  gsize    end;                 /* in held: where the line ends (without its "}") */
  gboolean with_rows;           /* gets "txn_rows" */
} HeldLine;

struct _MbgTransactions
{
  MbgOutput  *output;
  MbgDedup   *dedup;
  gboolean    direct;
  gboolean    brackets;

  /* The transaction being read */
  gboolean    open;             /* anything of it was read */
  gboolean    known_start;      /* its start was read: its rows are counted */
  char       *gtid;
  char       *begin_file;
  guint64     begin_pos;
  guint32     begin_ts;
  guint64     n_rows;
  gboolean    committed;        /* its commit event was read */
  char       *commit_file;
  guint64     commit_pos;
  guint32     commit_ts;
  gboolean    has_xid;
  guint64     xid;
  guint32     last_ts;
  gboolean    streaming;        /* over the bound: its messages go out as they come */

  /* Held, direct */
  GString    *held;             /* lines without their closing brace */
  GArray     *lines;            /* HeldLine */
  /* Held, as messages */
  GQueue      messages;
  gsize       held_bytes;
};

MbgTransactions *
mbg_transactions_new (MbgOutput *output,
                      MbgDedup  *dedup,
                      gboolean   direct,
                      gboolean   brackets)
{
  MbgTransactions *self = g_new0 (MbgTransactions, 1);

  self->output = output;
  self->dedup = dedup;
  self->direct = direct;
  self->brackets = brackets;
  self->held = g_string_sized_new (64 * 1024);
  self->lines = g_array_new (FALSE, FALSE, sizeof (HeldLine));
  g_queue_init (&self->messages);
  return self;
}

static void
reset (MbgTransactions *self)
{
  self->open = self->known_start = self->committed = self->has_xid = FALSE;
  self->streaming = FALSE;
  self->n_rows = 0;
  self->xid = 0;
  g_clear_pointer (&self->gtid, g_free);
  g_clear_pointer (&self->begin_file, g_free);
  g_clear_pointer (&self->commit_file, g_free);
  g_string_truncate (self->held, 0);
  g_array_set_size (self->lines, 0);
  g_queue_clear_full (&self->messages, (GDestroyNotify) mbg_message_free);
  self->held_bytes = 0;
}

void
mbg_transactions_free (MbgTransactions *self)
{
  reset (self);
  g_string_free (self->held, TRUE);
  g_array_unref (self->lines);
  g_free (self);
}

static gboolean
has_brackets (MbgTransactions *self)
{
  return self->brackets && self->n_rows > 0;
}

/* {{{ Direct: lines of text */

static void
write_text (MbgTransactions *self,
            const char      *text,
            gsize            length)
{
  mbg_sink_write (mbg_output_get_sink (self->output), text, length);
}

/* Writes the begin or commit line (with the commit's members, if known). */
static void
write_event_line (MbgTransactions *self,
                  MbgMessageType   type,
                  const MbgCommit *commit)
{
  g_autoptr(GString) line = g_string_sized_new (256);

  if (type == MBG_MESSAGE_BEGIN)
    mbg_json_event (line, type, self->begin_file, self->begin_pos, self->begin_ts, self->gtid);
  else
    mbg_json_event (line, type, self->commit_file, self->commit_pos, self->commit_ts,
                    self->gtid);
  if (commit != NULL)
    mbg_json_commit_fields (line, commit, self->known_start);
  g_string_append (line, "}\n");
  write_text (self, line->str, line->len);
  mbg_output_count (self->output, 1);
}

/* Sends what is held on without the commit's members, and what comes
 * after it as it comes.  Also the spill function of a line being written
 * into held: the part of held after the last whole line stays. */
static void
spill_text (gpointer data)
{
  MbgTransactions *self = data;
  gsize start = 0;

  if (self->streaming)
    return;
  self->streaming = TRUE;
  if (has_brackets (self) && self->known_start)
    write_event_line (self, MBG_MESSAGE_BEGIN, NULL);
  for (guint i = 0; i < self->lines->len; i++)
    {
      HeldLine *line = &g_array_index (self->lines, HeldLine, i);

      write_text (self, self->held->str + start, line->end - start);
      write_text (self, "}\n", 2);
      start = line->end;
    }
  mbg_output_count (self->output, self->lines->len);
  g_string_erase (self->held, 0, start);
  g_array_set_size (self->lines, 0);
}

/* The line just written into held, after its last whole line. */
static void
end_text_line (MbgTransactions *self,
               gboolean         with_rows)
{
  if (self->streaming)
    {
      g_string_append (self->held, "}\n");
      write_text (self, self->held->str, self->held->len);
      g_string_truncate (self->held, 0);
      mbg_output_count (self->output, 1);
      return;
    }
  g_array_append_val (self->lines, ((HeldLine) { self->held->len, with_rows }));
  if (self->held->len > HOLD_BYTES)
    spill_text (self);
}

static void
release_text (MbgTransactions *self,
              const MbgCommit *commit)
{
  g_autoptr(GString) trailer = g_string_new (NULL);
  g_autoptr(GString) trailer_rows = g_string_new (NULL);
  g_autoptr(GArray) parts = NULL;
  gsize start = 0;

  if (!self->streaming)
    {
      mbg_json_commit_fields (trailer, commit, FALSE);
      g_string_append (trailer, "}\n");
      mbg_json_commit_fields (trailer_rows, commit, self->known_start);
      g_string_append (trailer_rows, "}\n");
      if (has_brackets (self) && self->known_start)
        write_event_line (self, MBG_MESSAGE_BEGIN, commit);
      /* Each line, then the commit's members after it, without copying
       * the lines. */
      parts = g_array_sized_new (FALSE, FALSE, sizeof (struct iovec), 2 * self->lines->len);
      for (guint i = 0; i < self->lines->len; i++)
        {
          HeldLine *line = &g_array_index (self->lines, HeldLine, i);
          GString *end = line->with_rows ? trailer_rows : trailer;
          struct iovec pair[2] = {
            { self->held->str + start, line->end - start },
            { end->str, end->len },
          };

          g_array_append_vals (parts, pair, 2);
          start = line->end;
        }
      mbg_sink_write_parts (mbg_output_get_sink (self->output),
                            (const struct iovec *) (gpointer) parts->data, parts->len);
      mbg_output_count (self->output, self->lines->len);
    }
  if (has_brackets (self))
    write_event_line (self, MBG_MESSAGE_COMMIT, commit);
}

/* }}} */

/* {{{ Messages */

static void
queue (MbgTransactions *self,
       MbgMessage      *message,
       MbgCommit       *commit)
{
  if (commit != NULL)
    message->commit = mbg_commit_ref (commit);
  mbg_dedup_queue (self->dedup, message);
}

static MbgMessage *
new_event_message (MbgTransactions *self,
                   MbgMessageType   type)
{
  MbgMessage *message;

  if (type == MBG_MESSAGE_BEGIN)
    message = mbg_message_new_event (type, self->begin_file, self->begin_pos, self->begin_ts,
                                     self->gtid);
  else
    message = mbg_message_new_event (type, self->commit_file, self->commit_pos,
                                     self->commit_ts, self->gtid);
  return message;
}

static void
spill_messages (MbgTransactions *self)
{
  MbgMessage *message;

  if (self->streaming)
    return;
  self->streaming = TRUE;
  if (has_brackets (self) && self->known_start)
    queue (self, new_event_message (self, MBG_MESSAGE_BEGIN), NULL);
  while ((message = g_queue_pop_head (&self->messages)) != NULL)
    queue (self, message, NULL);
  self->held_bytes = 0;
}

static void
hold_message (MbgTransactions *self,
              MbgMessage      *message,
              gsize            bytes)
{
  if (self->streaming)
    {
      queue (self, message, NULL);
      return;
    }
  g_queue_push_tail (&self->messages, message);
  self->held_bytes += bytes;
  if (self->messages.length >= HOLD_MESSAGES || self->held_bytes > HOLD_BYTES)
    spill_messages (self);
}

/* About the memory the values of @row hold. */
static gsize
row_bytes (MysqlBinlogRow *row)
{
  guint n = mysql_binlog_row_get_n_columns (row);
  gsize bytes = 8 * n;

  for (guint i = 0; i < n; i++)
    {
      gsize length = 0;

      if (mysql_binlog_row_peek_bytes (row, i, &length) != NULL)
        bytes += length;
    }
  return bytes;
}

static void
release_messages (MbgTransactions *self,
                  MbgCommit       *commit)
{
  MbgMessage *message;

  if (!self->streaming)
    {
      if (has_brackets (self) && self->known_start)
        queue (self, new_event_message (self, MBG_MESSAGE_BEGIN), commit);
      while ((message = g_queue_pop_head (&self->messages)) != NULL)
        queue (self, message, commit);
    }
  if (has_brackets (self))
    queue (self, new_event_message (self, MBG_MESSAGE_COMMIT), commit);
}

/* }}} */

/* The transaction ends: out with its messages, with what its commit
 * tells (@position: NULL when the stream gave none). */
static void
release (MbgTransactions     *self,
         MysqlBinlogPosition *position)
{
  g_autoptr(MbgCommit) commit = NULL;

  if (!self->open)
    return;
  commit = mbg_commit_new ();
  commit->has_xid = self->has_xid;
  commit->xid = self->xid;
  commit->ts = self->committed ? self->commit_ts : self->last_ts;
  commit->n_rows = self->n_rows;
  if (position != NULL)
    commit->position = mysql_binlog_position_to_string (position);
  if (!self->committed)
    {
      /* A DDL statement is its own commit. */
      self->commit_ts = self->last_ts;
    }
  if (self->direct)
    release_text (self, commit);
  else
    release_messages (self, commit);
  reset (self);
}

/* The transaction read so far goes out without its commit (which was not
 * read). */
static void
abandon (MbgTransactions *self)
{
  if (!self->open)
    return;
  if (self->direct)
    spill_text (self);
  else
    spill_messages (self);
  reset (self);
}

/* A transaction starts (a GTID event, or BEGIN). */
void
mbg_transactions_begin (MbgTransactions *self,
                        const char      *gtid,
                        const char      *log_file,
                        guint64          log_pos,
                        guint32          ts)
{
  if (self->open && !self->committed && self->known_start && self->n_rows == 0 &&
      self->lines->len == 0 && self->messages.length == 0 && gtid == NULL)
    {
      /* BEGIN after the GTID event that started it (MySQL). */
      return;
    }
  if (self->committed)
    release (self, NULL);
  else
    abandon (self);
  self->open = TRUE;
  self->known_start = TRUE;
  self->gtid = g_strdup (gtid);
  self->begin_file = g_strdup (log_file);
  self->begin_pos = log_pos;
  self->begin_ts = self->last_ts = ts;
}

/* Something of a transaction: one whose start was not read when there is
 * none. */
static void
ensure_open (MbgTransactions *self)
{
  if (self->committed)
    release (self, NULL);
  if (!self->open)
    {
      self->open = TRUE;
      self->known_start = FALSE;
    }
}

void
mbg_transactions_row (MbgTransactions *self,
                      MbgMessageType   type,
                      MysqlBinlogRow  *before,
                      MysqlBinlogRow  *row,
                      const char      *log_file,
                      guint64          log_pos)
{
  ensure_open (self);
  self->n_rows++;
  self->last_ts = mysql_binlog_row_get_timestamp (row);

  if (self->direct)
    {
      MbgJson json = { mbg_output_get_sink (self->output), self->held, spill_text, self };

      mbg_json_row (&json, type, before, row, NULL, log_file, log_pos, 0, self->gtid,
                    self->known_start ? self->n_rows : 0);
      end_text_line (self, TRUE);
    }
  else
    {
      MbgMessage *message = mbg_message_new_row (type, before, row, log_file, log_pos);

      message->gtid = g_strdup (self->gtid);
      message->txn_row = self->known_start ? self->n_rows : 0;
      hold_message (self, message, row_bytes (row) + (before != NULL ? row_bytes (before) : 0));
    }
}

void
mbg_transactions_ddl (MbgTransactions *self,
                      const char      *schema,
                      const char      *table,
                      const char      *statement,
                      const char      *log_file,
                      guint64          log_pos,
                      guint32          ts)
{
  ensure_open (self);
  self->last_ts = ts;
  if (self->direct)
    {
      mbg_json_ddl (self->held, schema, table, statement, log_file, log_pos, ts, self->gtid);
      end_text_line (self, FALSE);
    }
  else
    hold_message (self, mbg_message_new_ddl (schema, table, statement, log_file, log_pos, ts,
                                             self->gtid),
                  strlen (statement));
}

/* The commit event of the transaction: an XID event (@has_xid) or a
 * COMMIT statement. */
void
mbg_transactions_commit (MbgTransactions *self,
                         gboolean         has_xid,
                         guint64          xid,
                         const char      *log_file,
                         guint64          log_pos,
                         guint32          ts)
{
  ensure_open (self);
  self->committed = TRUE;
  self->has_xid = has_xid;
  self->xid = xid;
  g_free (self->commit_file);
  self->commit_file = g_strdup (log_file);
  self->commit_pos = log_pos;
  self->commit_ts = self->last_ts = ts;
}

/* The stream passed a position safe to resume from: the transaction read
 * ends there. */
void
mbg_transactions_position (MbgTransactions     *self,
                           MysqlBinlogPosition *position)
{
  release (self, position);
}

/* The run ended: a committed transaction goes out without a position, an
 * unfinished one without its commit. */
void
mbg_transactions_finish (MbgTransactions *self)
{
  if (self->committed)
    release (self, NULL);
  else
    abandon (self);
}
