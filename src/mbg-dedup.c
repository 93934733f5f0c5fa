/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The --dedup-window buffer: every message gets the next sequence number;
 * with a window, it is held that long, and a later update of the same row
 * (the same dedup key) within it is merged into the one held.  Without a
 * window, a message goes on at once. */

#include "config.h"

#include "mbg-dedup.h"

struct _MbgDedup
{
  gint64       window_us;
  MbgEmitFunc  emit;
  gpointer     user_data;
  guint64      next_seq;
  GQueue       buffer;              /* MbgMessage *, ordered by seq */
  GHashTable  *buffered_updates;    /* dedup key -> MbgMessage * (in buffer) */
  guint64      n_merged;
};

MbgDedup *
mbg_dedup_new (gint64      window_us,
               MbgEmitFunc emit,
               gpointer    user_data)
{
  MbgDedup *dedup = g_new0 (MbgDedup, 1);

  dedup->window_us = window_us;
  dedup->emit = emit;
  dedup->user_data = user_data;
  dedup->buffered_updates = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&dedup->buffer);
  return dedup;
}

/* Drops what is still held, unsent. */
void
mbg_dedup_free (MbgDedup *dedup)
{
  g_hash_table_unref (dedup->buffered_updates);
  g_queue_clear_full (&dedup->buffer, (GDestroyNotify) mbg_message_free);
  g_free (dedup);
}

static void
emit (MbgDedup   *dedup,
      MbgMessage *message)
{
  dedup->emit (message, dedup->user_data);
  mbg_message_free (message);
}

/* Sends on the messages whose time is up, or with @all every one. */
void
mbg_dedup_flush (MbgDedup *dedup,
                 gboolean  all)
{
  gint64 now = g_get_monotonic_time ();

  while (!g_queue_is_empty (&dedup->buffer))
    {
      MbgMessage *head = g_queue_peek_head (&dedup->buffer);

      if (!all && head->due_us > now)
        break;
      g_queue_pop_head (&dedup->buffer);
      if (head->dedup_key != NULL &&
          g_hash_table_lookup (dedup->buffered_updates, head->dedup_key) == head)
        g_hash_table_remove (dedup->buffered_updates, head->dedup_key);
      emit (dedup, head);
    }
}

/* Takes @message. */
void
mbg_dedup_queue (MbgDedup   *dedup,
                 MbgMessage *message)
{
  message->seq = dedup->next_seq++;

  if (dedup->window_us <= 0)
    {
      emit (dedup, message);
      return;
    }

  if (message->dedup_key != NULL)
    {
      MbgMessage *pending = g_hash_table_lookup (dedup->buffered_updates, message->dedup_key);

      if (message->type == MBG_MESSAGE_UPDATE && pending != NULL)
        {
          /* The same row updated again within the window: one message
           * from the first image before to this image after. */
          g_clear_pointer (&pending->row, mysql_binlog_row_unref);
          pending->row = g_steal_pointer (&message->row);
          /* It now ends in the last transaction merged into it. */
          g_free (pending->gtid);
          pending->gtid = g_steal_pointer (&message->gtid);
          g_clear_pointer (&pending->commit, mbg_commit_unref);
          pending->commit = g_steal_pointer (&message->commit);
          pending->merged++;
          dedup->n_merged++;
          mbg_message_free (message);
          return;
        }
      /* An insert or delete in between: later updates start afresh. */
      g_hash_table_remove (dedup->buffered_updates, message->dedup_key);
      if (message->type == MBG_MESSAGE_UPDATE)
        g_hash_table_insert (dedup->buffered_updates, message->dedup_key, message);
    }
  message->due_us = g_get_monotonic_time () + dedup->window_us;
  g_queue_push_tail (&dedup->buffer, message);
}

/* The sequence number the next message gets. */
guint64
mbg_dedup_get_next_seq (MbgDedup *dedup)
{
  return dedup->next_seq;
}

/* The sequence number of the oldest message held: every one before it
 * was sent on. */
guint64
mbg_dedup_get_oldest_held (MbgDedup *dedup)
{
  MbgMessage *head = g_queue_peek_head (&dedup->buffer);

  return head != NULL ? head->seq : dedup->next_seq;
}

guint64
mbg_dedup_get_n_merged (MbgDedup *dedup)
{
  return dedup->n_merged;
}
