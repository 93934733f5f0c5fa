/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <mysqlbinlog-glib.h>

#include "test-fake-server.h"

/* Reads exactly @length bytes; FALSE when the peer closed or the server
 * stops.  Every byte read is recorded. */
static gboolean
fake_read (FakeServer *server,
           int         fd,
           guint8     *buffer,
           gsize       length)
{
  gsize done = 0;

  while (done < length)
    {
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      ssize_t n;

      if (g_atomic_int_get (&server->stopping))
        return FALSE;
      if (poll (&pfd, 1, 50) <= 0)
        continue;
      n = read (fd, buffer + done, length - done);
      if (n <= 0)
        return FALSE;
      g_mutex_lock (&server->lock);
      g_byte_array_append (server->received, buffer + done, n);
      g_mutex_unlock (&server->lock);
      done += n;
    }
  return TRUE;
}

/* Reads one packet; returns its payload (NULL when the peer closed). */
static GByteArray *
fake_read_packet (FakeServer *server,
                  int         fd,
                  guint8     *seq)
{
  guint8 header[4];
  gsize length;
  GByteArray *payload;

  if (!fake_read (server, fd, header, 4))
    return NULL;
  length = header[0] | (header[1] << 8) | (header[2] << 16);
  *seq = header[3];
  payload = g_byte_array_sized_new (length);
  g_byte_array_set_size (payload, length);
  if (!fake_read (server, fd, payload->data, length))
    {
      g_byte_array_unref (payload);
      return NULL;
    }
  return payload;
}

/* Waits until the peer closes, or the server stops, recording what comes. */
static void
fake_drain (FakeServer *server,
            int         fd)
{
  guint8 byte;

  while (fake_read (server, fd, &byte, 1))
    ;
}

static void
fake_write (int           fd,
            const guint8 *data,
            gsize         length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n <= 0)
        return;
      data += n;
      length -= n;
    }
}

static void
fake_send_packet (int           fd,
                  guint8        seq,
                  const guint8 *payload,
                  gsize         length)
{
  guint8 header[4] = { length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, seq };

  fake_write (fd, header, 4);
  fake_write (fd, payload, length);
}

/* A NUL-terminated string. */
static void
put_string (GByteArray *out,
            const char *text)
{
  g_byte_array_append (out, (const guint8 *) text, strlen (text) + 1);
}

/* A string after its length (under 251 bytes). */
static void
put_lenenc (GByteArray *out,
            const char *text)
{
  test_util_put_byte (out, strlen (text));
  g_byte_array_append (out, (const guint8 *) text, strlen (text));
}

static const char scramble[] = "abcdefghijklmnopqrst";  /* 20 bytes */

static void
send_greeting (int         fd,
               guint32     capabilities,
               const char *plugin)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 zeros[10] = { 0 };

  test_util_put_byte (out, 10);                       /* protocol version */
  put_string (out, "5.5.5-10.11.99-MariaDB-fake");
  test_util_put_u32 (out, 42);                        /* connection id */
  g_byte_array_append (out, (const guint8 *) scramble, 8);
  test_util_put_byte (out, 0);
  test_util_put_u16 (out, capabilities & 0xffff);
  test_util_put_byte (out, 45);                       /* utf8mb4_general_ci */
  test_util_put_u16 (out, 2);                         /* autocommit */
  test_util_put_u16 (out, capabilities >> 16);
  test_util_put_byte (out, (capabilities & CAP_PLUGIN_AUTH) ? 21 : 0);
  g_byte_array_append (out, zeros, 10);     /* reserved, MariaDB's capabilities */
  g_byte_array_append (out, (const guint8 *) scramble + 8, 12);
  test_util_put_byte (out, 0);
  if (capabilities & CAP_PLUGIN_AUTH)
    put_string (out, plugin);
  fake_send_packet (fd, 0, out->data, out->len);
}

static void
send_ok (int    fd,
         guint8 seq)
{
  static const guint8 ok[] = { 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00 };

  fake_send_packet (fd, seq, ok, sizeof ok);
}

static void
send_error (int         fd,
            guint8      seq,
            guint       code,
            const char *message)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  test_util_put_byte (out, 0xff);
  test_util_put_u16 (out, code);
  g_byte_array_append (out, (const guint8 *) "#28000", 6);
  g_byte_array_append (out, (const guint8 *) message, strlen (message));
  fake_send_packet (fd, seq, out->data, out->len);
}

static void
send_auth_switch (int         fd,
                  guint8      seq,
                  const char *plugin)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  test_util_put_byte (out, 0xfe);
  put_string (out, plugin);
  g_byte_array_append (out, (const guint8 *) scramble, 20);
  test_util_put_byte (out, 0);
  fake_send_packet (fd, seq, out->data, out->len);
}

/* A text result set of one row of strings (classic EOF packets). */
static void
send_row (int          fd,
          const char **values)
{
  static const guint8 eof[] = { 0xfe, 0x00, 0x00, 0x02, 0x00 };
  guint n = g_strv_length ((char **) values);
  guint8 seq = 1;
  guint8 count = n;

  fake_send_packet (fd, seq++, &count, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GByteArray) column = g_byte_array_new ();
      g_autofree char *name = g_strdup_printf ("c%u", i);

      put_lenenc (column, "def");
      put_lenenc (column, "");
      put_lenenc (column, "");
      put_lenenc (column, "");
      put_lenenc (column, name);
      put_lenenc (column, name);
      test_util_put_byte (column, 0x0c);
      test_util_put_u16 (column, 45);
      test_util_put_u32 (column, 64);
      test_util_put_byte (column, 0xfd);            /* VAR_STRING */
      test_util_put_u16 (column, 0);
      test_util_put_byte (column, 0);
      test_util_put_u16 (column, 0);
      fake_send_packet (fd, seq++, column->data, column->len);
    }
  fake_send_packet (fd, seq++, eof, sizeof eof);
  {
    g_autoptr(GByteArray) row = g_byte_array_new ();

    for (guint i = 0; i < n; i++)
      put_lenenc (row, values[i]);
    fake_send_packet (fd, seq++, row->data, row->len);
  }
  fake_send_packet (fd, seq++, eof, sizeof eof);
}

/* The commands after a login: enough to start a binlog dump. */
static void
serve_commands (FakeServer *server,
                int         fd)
{
  for (;;)
    {
      guint8 seq;
      g_autoptr(GByteArray) command = fake_read_packet (server, fd, &seq);
      g_autofree char *text = NULL;

      if (command == NULL || command->len == 0 || command->data[0] == 0x01 /* COM_QUIT */)
        return;

      if (server->mode == FAKE_SILENT_AFTER_LOGIN)
        {
          fake_drain (server, fd);
          return;
        }
      if (server->mode == FAKE_GARBAGE_AFTER_LOGIN)
        {
          /* A result set of three columns whose first column definition
           * is eight bytes of nothing. */
          static const guint8 count = 3;
          static const guint8 garbage[] = { 0xfb, 0xfc, 0xff, 0x17, 0x00, 0x42, 0xfe, 0x01 };

          fake_send_packet (fd, 1, &count, 1);
          fake_send_packet (fd, 2, garbage, sizeof garbage);
          fake_drain (server, fd);
          return;
        }

      if (command->data[0] == 0x12 /* COM_BINLOG_DUMP */)
        {
          g_mutex_lock (&server->lock);
          server->n_dumps++;
          g_mutex_unlock (&server->lock);
          if (server->mode == FAKE_PARTIAL_EVENT)
            {
              /* A packet of 4 MiB: its header, the OK byte, the first
               * 64 KiB of the event; the rest never comes. */
              static const guint8 header[] = { 0x00, 0x00, 0x40, 0x01, 0x00 };
              g_autofree guint8 *part = g_malloc0 (64 * 1024);

              fake_write (fd, header, sizeof header);
              fake_write (fd, part, 64 * 1024);
            }
          fake_drain (server, fd);
          return;
        }
      if (command->data[0] != 0x03 /* COM_QUERY */)
        {
          send_error (fd, 1, 1047, "Unknown command");
          continue;
        }

      text = g_strndup ((const char *) command->data + 1, command->len - 1);
      if (g_str_has_prefix (text, "SELECT @@global.log_bin"))
        {
          const char *values[] = { "1", "ROW", "NONE", NULL };

          send_row (fd, values);
        }
      else if (g_str_has_prefix (text, "SET "))
        send_ok (fd, 1);
      else
        send_error (fd, 1, 1064, "Not understood by the fake server");
    }
}

static void
serve_connection (FakeServer *server,
                  int         fd)
{
  g_autoptr(GByteArray) response = NULL;
  g_autoptr(GByteArray) more = NULL;
  guint8 seq = 0;

  switch (server->mode)
    {
    case FAKE_GREETING_CLEAR_PASSWORD:
      send_greeting (fd, CAP_BASE, "mysql_clear_password");
      break;
    case FAKE_ADVERTISES_TLS:
      send_greeting (fd, CAP_BASE | CAP_SSL, "mysql_native_password");
      break;
    case FAKE_NO_PLUGIN_AUTH:
      send_greeting (fd, CAP_BASE & ~(CAP_PLUGIN_AUTH | CAP_PLUGIN_AUTH_LENENC), NULL);
      break;
    case FAKE_SILENT_GREETING:
      fake_drain (server, fd);
      return;
    case FAKE_GARBAGE_GREETING:
      {
        static const guint8 garbage[] = "HTTP/1.1 400 Bad Request\r\n\r\n";

        fake_write (fd, garbage, sizeof garbage - 1);
        fake_drain (server, fd);
        return;
      }
    case FAKE_TRUNCATED_GREETING:
      {
        static const guint8 cut[] = { 0x0a, '1', '0', '.', '1', '1', 0x00, 0x2a, 0x00 };

        fake_send_packet (fd, 0, cut, sizeof cut);
        fake_drain (server, fd);
        return;
      }
    case FAKE_SWITCH_CLEAR_PASSWORD:
    case FAKE_SWITCH_CACHING_SHA2:
    case FAKE_SWITCH_DIALOG:
    case FAKE_GARBAGE_AFTER_LOGIN:
    case FAKE_SILENT_AFTER_LOGIN:
    case FAKE_SILENT_DUMP:
    case FAKE_PARTIAL_EVENT:
    default:
      send_greeting (fd, CAP_BASE, "mysql_native_password");
      break;
    }

  response = fake_read_packet (server, fd, &seq);
  if (response == NULL)
    return;

  switch (server->mode)
    {
    case FAKE_ADVERTISES_TLS:
      /* The client asked for TLS (or sent its credentials): answer its
       * TLS hello with what no TLS library accepts. */
      {
        static const guint8 garbage[] = "not a TLS server hello, not at all";

        fake_write (fd, garbage, sizeof garbage - 1);
        fake_drain (server, fd);
        return;
      }
    case FAKE_GREETING_CLEAR_PASSWORD:
      break;
    case FAKE_SWITCH_CLEAR_PASSWORD:
    case FAKE_NO_PLUGIN_AUTH:
      send_auth_switch (fd, seq + 1, "mysql_clear_password");
      more = fake_read_packet (server, fd, &seq);
      break;
    case FAKE_SWITCH_DIALOG:
      {
        /* The dialog plugin: a password question (type 4, last). */
        static const guint8 question[] = { 0x04, 'P', 'a', 's', 's', 'w', 'o', 'r', 'd', ':', ' ' };
        g_autoptr(GByteArray) out = g_byte_array_new ();

        test_util_put_byte (out, 0xfe);
        put_string (out, "dialog");
        g_byte_array_append (out, question, sizeof question);
        fake_send_packet (fd, seq + 1, out->data, out->len);
        more = fake_read_packet (server, fd, &seq);
        break;
      }
    case FAKE_SWITCH_CACHING_SHA2:
      {
        /* A hash of the scramble, then "perform full authentication". */
        static const guint8 full_auth[] = { 0x01, 0x04 };

        send_auth_switch (fd, seq + 1, "caching_sha2_password");
        more = fake_read_packet (server, fd, &seq);
        if (more == NULL)
          return;
        g_clear_pointer (&more, g_byte_array_unref);
        fake_send_packet (fd, seq + 1, full_auth, sizeof full_auth);
        more = fake_read_packet (server, fd, &seq);
        break;
      }
    case FAKE_GARBAGE_GREETING:
    case FAKE_TRUNCATED_GREETING:
    case FAKE_SILENT_GREETING:
    case FAKE_GARBAGE_AFTER_LOGIN:
    case FAKE_SILENT_AFTER_LOGIN:
    case FAKE_SILENT_DUMP:
    case FAKE_PARTIAL_EVENT:
    default:
      send_ok (fd, seq + 1);
      serve_commands (server, fd);
      return;
    }

  /* Whatever the credential was, it is refused: the test looks at what
   * arrived. */
  if (response != NULL)
    send_error (fd, seq + 1, 1045, "Access denied (fake server)");
  fake_drain (server, fd);
}

static gpointer
fake_server_thread (gpointer data)
{
  FakeServer *server = data;

  while (!g_atomic_int_get (&server->stopping))
    {
      struct pollfd pfd = { .fd = server->listen_fd, .events = POLLIN };
      int fd;

      if (poll (&pfd, 1, 50) <= 0)
        continue;
      fd = accept (server->listen_fd, NULL, NULL);
      if (fd < 0)
        continue;
      g_mutex_lock (&server->lock);
      server->n_connections++;
      g_mutex_unlock (&server->lock);
      serve_connection (server, fd);
      close (fd);
    }
  return NULL;
}

FakeServer *
fake_server_start (FakeMode mode)
{
  FakeServer *server = g_new0 (FakeServer, 1);
  struct sockaddr_in address = { 0 };
  socklen_t length = sizeof address;

  server->mode = mode;
  server->received = g_byte_array_new ();
  g_mutex_init (&server->lock);
  server->listen_fd = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (server->listen_fd, >=, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  address.sin_port = 0;
  g_assert_cmpint (bind (server->listen_fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (server->listen_fd, 8), ==, 0);
  g_assert_cmpint (getsockname (server->listen_fd, (struct sockaddr *) &address, &length), ==, 0);
  server->port = ntohs (address.sin_port);
  server->thread = g_thread_new ("fake-server", fake_server_thread, server);
  return server;
}

void
fake_server_stop (FakeServer *server)
{
  g_atomic_int_set (&server->stopping, 1);
  g_thread_join (server->thread);
  close (server->listen_fd);
  g_byte_array_unref (server->received);
  g_mutex_clear (&server->lock);
  g_free (server);
}

gboolean
fake_server_received (FakeServer *server,
                      const char *text)
{
  gboolean found;
  gsize length = strlen (text);

  g_mutex_lock (&server->lock);
  found = FALSE;
  for (gsize i = 0; !found && i + length <= server->received->len; i++)
    found = memcmp (server->received->data + i, text, length) == 0;
  g_mutex_unlock (&server->lock);
  return found;
}

guint
fake_server_connections (FakeServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->n_connections;
  g_mutex_unlock (&server->lock);
  return n;
}

MysqlBinlogStream *
new_stream (FakeServer         *server,
            MysqlBinlogTlsMode  mode)
{
  g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_new ("fake-bin.000001", 4);

  return g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                       "host", "127.0.0.1",
                       "port", (guint) server->port,
                       "user", USER,
                       "password", PASSWORD,
                       "server-id", 4242,
                       "start-position", start,
                       "tls-mode", mode,
                       "reconnect-attempts", 0,
                       "connect-timeout", 5,
                       NULL);
}

typedef struct
{
  MysqlBinlogStream *stream;
  gint64             deadline;
  gboolean           done;
  gboolean           fired;
  GMutex             lock;
  GCond              cond;
} Watchdog;

static gpointer
watchdog_thread (gpointer data)
{
  Watchdog *watchdog = data;

  g_mutex_lock (&watchdog->lock);
  while (!watchdog->done)
    if (!g_cond_wait_until (&watchdog->cond, &watchdog->lock, watchdog->deadline))
      {
        watchdog->fired = TRUE;
        mysql_binlog_stream_stop (watchdog->stream);
        break;
      }
  g_mutex_unlock (&watchdog->lock);
  return NULL;
}

/* Runs @stream; a run still going after @limit_s seconds is stopped, so
 * that a run that would retry forever fails the test instead of hanging.
 * Returns the run's result; *seconds says how long it took and *stopped
 * whether the limit stopped it. */
gboolean
run_with_limit (MysqlBinlogStream  *stream,
                guint               limit_s,
                double             *seconds,
                gboolean           *stopped,
                GError            **error)
{
  Watchdog watchdog = { .stream = stream };
  gint64 start = g_get_monotonic_time ();
  GThread *thread;
  gboolean ok;

  watchdog.deadline = start + (gint64) limit_s * G_USEC_PER_SEC;
  g_mutex_init (&watchdog.lock);
  g_cond_init (&watchdog.cond);
  thread = g_thread_new ("watchdog", watchdog_thread, &watchdog);

  ok = mysql_binlog_stream_run (stream, NULL, error);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_mutex_lock (&watchdog.lock);
  watchdog.done = TRUE;
  g_cond_signal (&watchdog.cond);
  g_mutex_unlock (&watchdog.lock);
  g_thread_join (thread);
  *stopped = watchdog.fired;
  g_mutex_clear (&watchdog.lock);
  g_cond_clear (&watchdog.cond);
  g_test_message ("run: %s after %.1f s%s", ok ? "ended" : "failed", *seconds,
                  *stopped ? " (stopped by the test)" : "");
  return ok;
}
