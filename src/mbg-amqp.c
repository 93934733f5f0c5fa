/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mbg-amqp.h"

#include <string.h>
#include <sys/time.h>

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>

#define CHANNEL 1

/* Unconfirmed messages allowed before publish() waits for the broker. */
#define MAX_IN_FLIGHT 4096

#define FIRST_RETRY_DELAY_MS 200
#define MAX_RETRY_DELAY_MS   10000

typedef struct
{
  guint64  seq;
  guint64  tag;
  char    *routing_key;
  char    *body;
} Pending;

struct _MbgAmqp
{
  char                        *url;        /* what amqp_parse_url() points into */
  char                        *display;    /* host:port/vhost, for messages */
  struct amqp_connection_info  info;
  char                        *exchange;
  char                        *queue;      /* declared and bound, or NULL */
  const int                   *stopping;

  amqp_connection_state_t      conn;
  gboolean                     connected;
  guint64                      next_tag;

  GQueue                       unconfirmed; /* Pending *, in publish order */
};

static void
pending_free (Pending *pending)
{
  g_free (pending->routing_key);
  g_free (pending->body);
  g_free (pending);
}

static gboolean
is_stopping (MbgAmqp *self)
{
  return self->stopping != NULL && g_atomic_int_get (self->stopping);
}

/* Describes the result of an RPC; NULL when it succeeded. */
static char *
describe_reply (amqp_rpc_reply_t reply)
{
  switch (reply.reply_type)
    {
    case AMQP_RESPONSE_NORMAL:
      return NULL;

    case AMQP_RESPONSE_NONE:
      return g_strdup ("no reply from the broker");

    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return g_strdup (amqp_error_string2 (reply.library_error));

    case AMQP_RESPONSE_SERVER_EXCEPTION:
      if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD)
        {
          amqp_connection_close_t *close = reply.reply.decoded;
          return g_strdup_printf ("the broker closed the connection: %.*s",
                                  (int) close->reply_text.len,
                                  (const char *) close->reply_text.bytes);
        }
      if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD)
        {
          amqp_channel_close_t *close = reply.reply.decoded;
          return g_strdup_printf ("the broker closed the channel: %.*s",
                                  (int) close->reply_text.len,
                                  (const char *) close->reply_text.bytes);
        }
      return g_strdup_printf ("unexpected reply 0x%08x from the broker", reply.reply.id);

    default:
      return g_strdup ("unknown reply from the broker");
    }
}

static gboolean
check_reply (MbgAmqp     *self,
             const char  *what,
             GError     **error)
{
  g_autofree char *problem = describe_reply (amqp_get_rpc_reply (self->conn));

  if (problem == NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s on %s: %s", what, self->display,
               problem);
  return FALSE;
}

static void
disconnect (MbgAmqp *self)
{
  if (self->conn == NULL)
    return;
  if (self->connected)
    {
      amqp_channel_close (self->conn, CHANNEL, AMQP_REPLY_SUCCESS);
      amqp_connection_close (self->conn, AMQP_REPLY_SUCCESS);
    }
  amqp_destroy_connection (self->conn);
  self->conn = NULL;
  self->connected = FALSE;
}

/* One attempt: TCP (or TLS), login, channel, confirm mode, exchange. */
static gboolean
connect_once (MbgAmqp  *self,
              GError  **error)
{
  amqp_socket_t *socket;
  amqp_rpc_reply_t reply;
  struct timeval timeout = { 10, 0 };
  g_autofree char *problem = NULL;
  int status;

  disconnect (self);
  self->conn = amqp_new_connection ();
  if (self->info.ssl)
    socket = amqp_ssl_socket_new (self->conn);
  else
    socket = amqp_tcp_socket_new (self->conn);
  if (socket == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot create a socket for %s",
                   self->display);
      return FALSE;
    }

  status = amqp_socket_open_noblock (socket, self->info.host, self->info.port, &timeout);
  if (status != AMQP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                   "Cannot connect to the broker %s: %s", self->display,
                   amqp_error_string2 (status));
      return FALSE;
    }

  reply = amqp_login (self->conn, self->info.vhost, 0, AMQP_DEFAULT_FRAME_SIZE, 30,
                      AMQP_SASL_METHOD_PLAIN, self->info.user, self->info.password);
  problem = describe_reply (reply);
  if (problem != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "Cannot log in to the broker %s as “%s”: %s", self->display,
                   self->info.user, problem);
      return FALSE;
    }

  amqp_channel_open (self->conn, CHANNEL);
  if (!check_reply (self, "Cannot open a channel", error))
    return FALSE;

  amqp_confirm_select (self->conn, CHANNEL);
  if (!check_reply (self, "Cannot turn publisher confirms on", error))
    return FALSE;

  amqp_exchange_declare (self->conn, CHANNEL, amqp_cstring_bytes (self->exchange),
                         amqp_cstring_bytes ("topic"), FALSE, TRUE, FALSE, FALSE,
                         amqp_empty_table);
  if (!check_reply (self, "Cannot declare the topic exchange", error))
    return FALSE;

  if (self->queue != NULL)
    {
      amqp_queue_declare (self->conn, CHANNEL, amqp_cstring_bytes (self->queue),
                          FALSE, TRUE, FALSE, FALSE, amqp_empty_table);
      if (!check_reply (self, "Cannot declare the queue", error))
        return FALSE;
      amqp_queue_bind (self->conn, CHANNEL, amqp_cstring_bytes (self->queue),
                       amqp_cstring_bytes (self->exchange), amqp_cstring_bytes ("#"),
                       amqp_empty_table);
      if (!check_reply (self, "Cannot bind the queue", error))
        return FALSE;
    }

  self->connected = TRUE;
  self->next_tag = 1;
  return TRUE;
}

static gboolean
send_one (MbgAmqp  *self,
          Pending  *pending,
          GError  **error)
{
  amqp_basic_properties_t props = { 0, };
  amqp_bytes_t body;
  int status;

  props._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
  props.content_type = amqp_cstring_bytes ("application/json");
  props.delivery_mode = 2; /* persistent */

  body.bytes = pending->body;
  body.len = strlen (pending->body);
  status = amqp_basic_publish (self->conn, CHANNEL, amqp_cstring_bytes (self->exchange),
                               amqp_cstring_bytes (pending->routing_key), FALSE, FALSE,
                               &props, body);
  if (status != AMQP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
                   "Cannot publish to %s: %s", self->display, amqp_error_string2 (status));
      return FALSE;
    }
  pending->tag = self->next_tag++;
  return TRUE;
}

static void
confirm (MbgAmqp *self,
         guint64  tag,
         gboolean multiple)
{
  if (multiple)
    {
      /* Tag 0 with multiple confirms everything outstanding. */
      while (!g_queue_is_empty (&self->unconfirmed))
        {
          Pending *head = g_queue_peek_head (&self->unconfirmed);

          if (tag != 0 && (head->tag == 0 || head->tag > tag))
            break;
          pending_free (g_queue_pop_head (&self->unconfirmed));
        }
      return;
    }

  for (GList *l = self->unconfirmed.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (pending->tag == tag)
        {
          g_queue_delete_link (&self->unconfirmed, l);
          pending_free (pending);
          return;
        }
    }
}

/* Reads what the broker sent within @timeout_ms (0: only what is there). */
static gboolean
read_frames (MbgAmqp  *self,
             guint     timeout_ms,
             GError  **error)
{
  gboolean first = TRUE;

  for (;;)
    {
      amqp_frame_t frame;
      struct timeval tv;
      int status;

      tv.tv_sec = first ? timeout_ms / 1000 : 0;
      tv.tv_usec = first ? (timeout_ms % 1000) * 1000 : 0;
      first = FALSE;

      status = amqp_simple_wait_frame_noblock (self->conn, &frame, &tv);
      if (status == AMQP_STATUS_TIMEOUT)
        return TRUE;
      if (status != AMQP_STATUS_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                       "Lost the connection to %s: %s", self->display,
                       amqp_error_string2 (status));
          return FALSE;
        }
      if (frame.frame_type != AMQP_FRAME_METHOD)
        continue;

      switch (frame.payload.method.id)
        {
        case AMQP_BASIC_ACK_METHOD:
          {
            amqp_basic_ack_t *ack = frame.payload.method.decoded;
            confirm (self, ack->delivery_tag, ack->multiple);
          }
          break;

        case AMQP_BASIC_NACK_METHOD:
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The broker %s could not take a message (nack)", self->display);
          return FALSE;

        case AMQP_CHANNEL_CLOSE_METHOD:
          {
            amqp_channel_close_t *close = frame.payload.method.decoded;
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                         "The broker %s closed the channel: %.*s", self->display,
                         (int) close->reply_text.len, (const char *) close->reply_text.bytes);
          }
          return FALSE;

        case AMQP_CONNECTION_CLOSE_METHOD:
          {
            amqp_connection_close_t *close = frame.payload.method.decoded;
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                         "The broker %s closed the connection: %.*s", self->display,
                         (int) close->reply_text.len, (const char *) close->reply_text.bytes);
          }
          return FALSE;

        default:
          break;
        }
      amqp_maybe_release_buffers (self->conn);
    }
}

/*
 * Connects again, waiting longer after each failure, then publishes again
 * every message the broker had not confirmed.  Fails only when the program
 * is stopping.
 */
static gboolean
reconnect (MbgAmqp     *self,
           const char  *reason,
           GError     **error)
{
  guint delay = FIRST_RETRY_DELAY_MS;

  g_printerr ("mysqlbinlog-glib: %s; reconnecting\n", reason);
  disconnect (self);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean sent = TRUE;

      for (guint waited = 0; waited < delay; waited += 50)
        {
          if (is_stopping (self))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "Stopped while reconnecting to %s; %u messages were not "
                           "confirmed", self->display, self->unconfirmed.length);
              return FALSE;
            }
          g_usleep (50 * 1000);
        }

      if (connect_once (self, &local_error))
        {
          for (GList *l = self->unconfirmed.head; l != NULL && sent; l = l->next)
            sent = send_one (self, l->data, &local_error);
          if (sent)
            {
              g_printerr ("mysqlbinlog-glib: connected to %s again; published %u "
                          "unconfirmed messages again\n", self->display,
                          self->unconfirmed.length);
              return TRUE;
            }
        }

      g_printerr ("mysqlbinlog-glib: %s; next attempt in %u ms\n", local_error->message,
                  MIN (delay * 2, MAX_RETRY_DELAY_MS));
      delay = MIN (delay * 2, MAX_RETRY_DELAY_MS);
    }
}

MbgAmqp *
mbg_amqp_new (const char  *url,
              const char  *exchange,
              const char  *queue,
              const int   *stopping,
              GError     **error)
{
  g_autoptr(MbgAmqp) self = g_new0 (MbgAmqp, 1);

  g_queue_init (&self->unconfirmed);
  self->url = g_strdup (url);
  self->exchange = g_strdup (exchange);
  self->queue = queue != NULL && *queue != '\0' ? g_strdup (queue) : NULL;
  self->stopping = stopping;

  amqp_default_connection_info (&self->info);
  if (amqp_parse_url (self->url, &self->info) != AMQP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an AMQP URL (amqp://USER:PASSWORD@HOST:PORT/VHOST)", url);
      return NULL;
    }
  /* amqp://host/ names the default vhost, as amqp://host does. */
  if (self->info.vhost == NULL || *self->info.vhost == '\0')
    self->info.vhost = (char *) "/";
  if (exchange == NULL || *exchange == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "An exchange name is needed (--exchange)");
      return NULL;
    }
  self->display = g_strdup_printf ("%s://%s:%d%s%s", self->info.ssl ? "amqps" : "amqp",
                                   self->info.host, self->info.port,
                                   g_str_equal (self->info.vhost, "/") ? "" : "/",
                                   self->info.vhost);
  return g_steal_pointer (&self);
}

void
mbg_amqp_free (MbgAmqp *self)
{
  if (self == NULL)
    return;
  disconnect (self);
  g_queue_clear_full (&self->unconfirmed, (GDestroyNotify) pending_free);
  g_free (self->url);
  g_free (self->display);
  g_free (self->exchange);
  g_free (self->queue);
  g_free (self);
}

/* The first connection: any failure is reported, not retried. */
gboolean
mbg_amqp_connect (MbgAmqp  *self,
                  GError  **error)
{
  if (!connect_once (self, error))
    {
      disconnect (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
mbg_amqp_publish (MbgAmqp     *self,
                  guint64      seq,
                  const char  *routing_key,
                  const char  *body,
                  GError     **error)
{
  Pending *pending = g_new0 (Pending, 1);
  g_autoptr(GError) local_error = NULL;

  pending->seq = seq;
  pending->routing_key = g_strdup (routing_key);
  pending->body = g_strdup (body);
  g_queue_push_tail (&self->unconfirmed, pending);

  if (!self->connected)
    {
      if (!reconnect (self, "not connected to the broker", error))
        return FALSE;
    }
  else if (!send_one (self, pending, &local_error) ||
           !read_frames (self, 0, &local_error))
    {
      if (!reconnect (self, local_error->message, error))
        return FALSE;
    }

  /* Back-pressure: never more than MAX_IN_FLIGHT messages unconfirmed. */
  while (self->unconfirmed.length > MAX_IN_FLIGHT)
    {
      g_clear_error (&local_error);
      if (!read_frames (self, 1000, &local_error) &&
          !reconnect (self, local_error->message, error))
        return FALSE;
      if (is_stopping (self))
        break;
    }
  return TRUE;
}

/* Handles the confirmations that arrived, without waiting. */
gboolean
mbg_amqp_poll (MbgAmqp  *self,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!self->connected)
    {
      if (g_queue_is_empty (&self->unconfirmed))
        return TRUE;
      return reconnect (self, "not connected to the broker", error);
    }
  if (!read_frames (self, 0, &local_error))
    return reconnect (self, local_error->message, error);
  return TRUE;
}

/* Waits until the broker confirmed every message, or @timeout_ms passed. */
gboolean
mbg_amqp_flush (MbgAmqp  *self,
                guint     timeout_ms,
                GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!g_queue_is_empty (&self->unconfirmed))
    {
      g_autoptr(GError) local_error = NULL;
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

      if (left <= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "The broker %s did not confirm %u messages in time", self->display,
                       self->unconfirmed.length);
          return FALSE;
        }
      if (!self->connected)
        {
          if (!reconnect (self, "not connected to the broker", error))
            return FALSE;
          continue;
        }
      if (!read_frames (self, MIN (left, 200), &local_error) &&
          !reconnect (self, local_error->message, error))
        return FALSE;
    }
  return TRUE;
}

guint64
mbg_amqp_get_oldest_unconfirmed (MbgAmqp *self)
{
  Pending *head = g_queue_peek_head (&self->unconfirmed);

  return head != NULL ? head->seq : G_MAXUINT64;
}

guint
mbg_amqp_get_n_unconfirmed (MbgAmqp *self)
{
  return self->unconfirmed.length;
}
