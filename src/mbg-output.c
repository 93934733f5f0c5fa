/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Where the messages and the text go: the standard output, or with --amqp
 * the broker (mbg-amqp.c).  The first failure to write or publish is kept
 * and stops the stream; nothing is written after it. */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mbg-output.h"

struct _MbgOutput
{
  MbgAmqp           *amqp;                /* NULL: the standard output */
  MysqlBinlogStream *stream;              /* stopped on a failure; not owned */
  guint64            n_messages;
  GError            *error;               /* the first failure to write or publish */
  MbgSink            sink;                /* the standard output */
};

/* An output to the standard output, until mbg_output_set_amqp().  What is
 * written to the standard output is buffered until mbg_output_sync(). */
MbgOutput *
mbg_output_new (void)
{
  MbgOutput *output = g_new0 (MbgOutput, 1);

  output->sink.file = stdout;
  return output;
}

/* Publishes to the broker of @amqp instead, and takes it. */
void
mbg_output_set_amqp (MbgOutput *output,
                     MbgAmqp   *amqp)
{
  g_clear_pointer (&output->amqp, mbg_amqp_free);
  output->amqp = amqp;
}

void
mbg_output_free (MbgOutput *output)
{
  g_clear_pointer (&output->amqp, mbg_amqp_free);
  g_clear_error (&output->error);
  g_free (output);
}

void
mbg_output_set_stream (MbgOutput         *output,
                       MysqlBinlogStream *stream)
{
  output->stream = stream;
}

/* Takes @error. */
void
mbg_output_fail (MbgOutput *output,
                 GError    *error)
{
  if (output->error == NULL)
    {
      output->error = error;
      if (output->stream != NULL)
        mysql_binlog_stream_stop (output->stream);
    }
  else
    g_error_free (error);
}

/* Fails when a write to the standard output failed; with @flush, first
 * hands over what the buffer holds. */
static void
check_stdout (MbgOutput *output,
              gboolean   flush)
{
  MbgSink *sink = &output->sink;

  if (output->error != NULL)
    return;
  if (flush && sink->error == 0 && fflush (sink->file) != 0)
    sink->error = errno != 0 ? errno : EIO;
  if (sink->error != 0)
    mbg_output_fail (output, g_error_new (G_IO_ERROR, g_io_error_from_errno (sink->error),
                                          "Cannot write to the standard output: %s",
                                          g_strerror (sink->error)));
}

/* The standard output, for the lines written directly (mbg-transaction.c):
 * call mbg_output_count() for them, and mbg_output_sync() before what
 * they hold counts as written. */
MbgSink *
mbg_output_get_sink (MbgOutput *output)
{
  return &output->sink;
}

void
mbg_output_count (MbgOutput *output,
                  guint      n_messages)
{
  output->n_messages += n_messages;
  check_stdout (output, FALSE);
}

/* Hands over what was written to the standard output (everything before
 * a position that is saved must be), and fails on an error. */
void
mbg_output_sync (MbgOutput *output)
{
  if (output->amqp == NULL)
    check_stdout (output, TRUE);
}

/* An MbgEmitFunc: the message as one line of JSON on the standard output,
 * or published to the broker. */
void
mbg_output_message (MbgMessage *message,
                    gpointer    user_data)
{
  MbgOutput *output = user_data;

  if (output->error != NULL)
    return;

  output->n_messages++;
  if (output->amqp != NULL)
    {
      GError *error = NULL;
      g_autofree char *routing_key = mbg_message_routing_key (message);
      g_autoptr(GString) body = g_string_new (NULL);
      MbgSink sink = { .string = body };

      mbg_message_write (message, &sink);
      if (!mbg_amqp_publish (output->amqp, message->seq, routing_key, body->str, &error))
        mbg_output_fail (output, error);
      return;
    }

  mbg_message_write (message, &output->sink);
  mbg_sink_write (&output->sink, "\n", 1);
  check_stdout (output, FALSE);
}

void
mbg_output_text (MbgOutput  *output,
                 const char *text,
                 gsize       length)
{
  if (output->error != NULL)
    return;
  mbg_sink_write (&output->sink, text, length);
  check_stdout (output, FALSE);
}

void
mbg_output_text_row (MbgOutput      *output,
                     const char     *what,
                     MysqlBinlogRow *before,
                     MysqlBinlogRow *row)
{
  if (output->error != NULL)
    return;
  mbg_text_row_write (&output->sink, what, before, row);
  check_stdout (output, FALSE);
}

/* Takes the broker's confirmations. */
void
mbg_output_poll (MbgOutput *output)
{
  GError *error = NULL;

  if (output->amqp != NULL && output->error == NULL && !mbg_amqp_poll (output->amqp, &error))
    mbg_output_fail (output, error);
}

/* Waits up to @timeout_ms for the broker to confirm every message. */
void
mbg_output_flush (MbgOutput *output,
                  guint      timeout_ms)
{
  GError *error = NULL;

  if (output->amqp != NULL && output->error == NULL &&
      !mbg_amqp_flush (output->amqp, timeout_ms, &error))
    mbg_output_fail (output, error);
}

/* The sequence number of the oldest message that is not out yet, when
 * every one before @sent was handed over: those written, or those the
 * broker confirmed. */
guint64
mbg_output_get_oldest_pending (MbgOutput *output,
                               guint64    sent)
{
  if (output->amqp != NULL)
    return MIN (sent, mbg_amqp_get_oldest_unconfirmed (output->amqp));
  return sent;
}

/* With --amqp, the number of messages the broker has not confirmed. */
gboolean
mbg_output_get_n_unconfirmed (MbgOutput *output,
                              guint     *n_unconfirmed)
{
  if (output->amqp == NULL)
    return FALSE;
  *n_unconfirmed = mbg_amqp_get_n_unconfirmed (output->amqp);
  return TRUE;
}

guint64
mbg_output_get_n_messages (MbgOutput *output)
{
  return output->n_messages;
}

const GError *
mbg_output_get_error (MbgOutput *output)
{
  return output->error;
}
