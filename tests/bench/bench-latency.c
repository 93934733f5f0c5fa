/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Commit-to-handler latency of a stream that is caught up at the head of a
 * live server, next to the floor: a bare loop of the client library that
 * sends COM_BINLOG_DUMP itself and reads the raw packets.
 *
 *   bench-latency --socket PATH --reader run|async|floor
 *                 [--count N] [--background ROWS_PER_S] [--server-id ID]
 *                 [--port PORT]
 *
 * With --port the reader (not the writers) connects over TCP to
 * 127.0.0.1:PORT instead of the Unix socket.
 *
 * A writer thread with a connection of its own inserts N rows into
 * lat.t (id INT NOT NULL PRIMARY KEY), one INSERT per transaction
 * (autocommit), and waits for the reader to have seen each row before it
 * sends the next one (so every sample is of a reader that is caught up).
 * It takes the time (CLOCK_MONOTONIC) just before it sends the INSERT
 * and again when the COMMIT's answer has arrived; the reader takes it when
 * its handler runs (run: on the thread of mysql_binlog_stream_run(); async:
 * on a GMainLoop, through mysql_binlog_stream_run_async(); floor: when the
 * rows event of the row has been read off the socket).
 *
 * --background R adds another thread and connection that inserts R rows a
 * second into lat.bg, 1/1000 of them per statement every millisecond, for
 * as long as the writer runs; the stream's handler receives those rows too
 * (it counts them), the floor skips their events.
 *
 * Prints one line for the driver (microseconds):
 *
 *   reader=R n=N lost=L p50_us=.. p99_us=.. max_us=.. after_return_p50_us=..
 *   after_return_p99_us=.. commit_p50_us=.. background_rows=B background_rate=..
 *
 * p50/p99/max are handler time - send time; after_return_* are handler time
 * - the time the COMMIT returned (negative when the reader ran first: the
 * server sends the events to its replicas before it answers the client);
 * commit_p50 is the writer's own round trip.
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <mysqlbinlog-glib.h>

#if defined(MARIADB_PACKAGE_VERSION_ID) || defined(MARIADB_BASE_VERSION)
# define HAVE_CONNECTOR_C 1
#else
# define HAVE_CONNECTOR_C 0
#endif

#define WARMUP_FIRST_ID (-1)
#define SENTINEL_ID (-2000000000)

typedef enum {
  READER_RUN,
  READER_ASYNC,
  READER_FLOOR,
} ReaderKind;

typedef struct
{
  const char *socket;
  guint port;        /* the reader's TCP port, 0: the socket */
  ReaderKind reader;
  guint count;
  guint background;  /* rows per second, 0: none */
  guint server_id;

  gint64 *sent;      /* ns, by id */
  gint64 *returned;
  gint64 *seen;

  GMutex lock;
  GCond changed;
  gint64 last_seen_id;  /* under lock; G_MININT64: none */
  gboolean warm;        /* a warm-up row arrived */

  gint done;            /* atomic: the writer has finished */
  gboolean ended;       /* under lock: the reader has returned */
  MysqlBinlogStream *stream;
  GMainLoop *loop;
  GError *error;

  guint64 background_rows;     /* written */
  double background_seconds;
} Bench;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static MYSQL *
connect_to (const char *socket,
            guint       port)
{
  MYSQL *mysql = mysql_init (NULL);

  if (mysql_real_connect (mysql, port > 0 ? "127.0.0.1" : NULL, "root", "", NULL, port,
                          port > 0 ? NULL : socket, 0) == NULL)
    {
      g_printerr ("bench-latency: connecting to %s: %s\n", port > 0 ? "127.0.0.1" : socket,
                  mysql_error (mysql));
      exit (1);
    }
  return mysql;
}

static MYSQL *
connect_or_die (const char *socket)
{
  return connect_to (socket, 0);
}

static void
query_or_die (MYSQL      *mysql,
              const char *sql)
{
  if (mysql_query (mysql, sql) != 0)
    {
      g_printerr ("bench-latency: %s: %s\n", sql, mysql_error (mysql));
      exit (1);
    }
}

/* What a reader calls when the row @id of lat.t has arrived. */
static void
row_seen (Bench  *bench,
          gint64  id)
{
  gint64 t = now_ns ();

  if (id >= 0 && id < bench->count && bench->seen[id] == 0)
    bench->seen[id] = t;
  g_mutex_lock (&bench->lock);
  bench->last_seen_id = id;
  if (id < 0 && id != SENTINEL_ID)
    bench->warm = TRUE;
  g_cond_broadcast (&bench->changed);
  g_mutex_unlock (&bench->lock);
}

/* Waits until the reader has seen @id, or until @timeout_ms passed. */
static gboolean
wait_seen (Bench  *bench,
           gint64  id,
           guint   timeout_ms,
           gboolean warmup)
{
  gint64 until = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean ok;

  g_mutex_lock (&bench->lock);
  while (!(warmup ? bench->warm : bench->last_seen_id == id) && !bench->ended &&
         g_cond_wait_until (&bench->changed, &bench->lock, until))
    ;
  ok = warmup ? bench->warm : bench->last_seen_id == id;
  g_mutex_unlock (&bench->lock);
  return ok;
}

/* The reader returned (an error ends it early): the writer stops waiting. */
static void
reader_ended (Bench *bench)
{
  g_mutex_lock (&bench->lock);
  bench->ended = TRUE;
  g_cond_broadcast (&bench->changed);
  g_mutex_unlock (&bench->lock);
}

static gboolean
has_reader_ended (Bench *bench)
{
  gboolean ended;

  g_mutex_lock (&bench->lock);
  ended = bench->ended;
  g_mutex_unlock (&bench->lock);
  return ended;
}

static void
stop_reader (Bench *bench)
{
  g_atomic_int_set (&bench->done, 1);
  if (bench->stream != NULL)
    mysql_binlog_stream_stop (bench->stream);
}

static gpointer
background_thread (gpointer data)
{
  Bench *bench = data;
  MYSQL *mysql = connect_or_die (bench->socket);
  guint per_tick = MAX (1, bench->background / 1000);
  GString *sql = g_string_new ("INSERT INTO lat.bg (v) VALUES ");
  gsize head = sql->len;
  gint64 begin = now_ns ();
  struct timespec next;

  clock_gettime (CLOCK_MONOTONIC, &next);
  for (guint64 tick = 0; !g_atomic_int_get (&bench->done); tick++)
    {
      g_string_truncate (sql, head);
      for (guint i = 0; i < per_tick; i++)
        g_string_append_printf (sql, "%s(%u)", i > 0 ? "," : "", (guint) (tick % 1000000));
      query_or_die (mysql, sql->str);
      bench->background_rows += per_tick;
      /* The next tick, 1 ms after the last one; a late tick does not
       * wait (the rate stays the one asked for, on average). */
      next.tv_nsec += 1000000;
      if (next.tv_nsec >= 1000000000)
        {
          next.tv_sec++;
          next.tv_nsec -= 1000000000;
        }
      while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
        ;
    }
  bench->background_seconds = (now_ns () - begin) / 1e9;
  g_string_free (sql, TRUE);
  mysql_close (mysql);
  return NULL;
}

static gpointer
writer_thread (gpointer data)
{
  Bench *bench = data;
  MYSQL *mysql = connect_or_die (bench->socket);
  GThread *background = NULL;
  char sql[96];
  gint64 warm_id = WARMUP_FIRST_ID;

  /* Until the reader is caught up: rows it sees only once it reads the
   * server's head. */
  do
    {
      g_snprintf (sql, sizeof sql, "INSERT INTO lat.t (id) VALUES (%" G_GINT64_FORMAT ")",
                  warm_id--);
      query_or_die (mysql, sql);
      if (has_reader_ended (bench))
        {
          mysql_close (mysql);
          return NULL;
        }
      if (warm_id < -600)
        {
          g_printerr ("bench-latency: the reader saw none of the rows of 60 s\n");
          exit (1);
        }
    }
  while (!wait_seen (bench, 0, 100, TRUE));

  if (bench->background > 0)
    {
      background = g_thread_new ("background", background_thread, bench);
      g_usleep (200000);  /* its rate settles */
    }

  for (guint id = 0; id < bench->count && !has_reader_ended (bench); id++)
    {
      g_snprintf (sql, sizeof sql, "INSERT INTO lat.t (id) VALUES (%u)", id);
      bench->sent[id] = now_ns ();
      query_or_die (mysql, sql);
      bench->returned[id] = now_ns ();
      /* A row the reader never sees counts as lost, after 1 s. */
      wait_seen (bench, id, 1000, FALSE);
    }

  if (background != NULL)
    {
      g_atomic_int_set (&bench->done, 1);
      g_thread_join (background);
    }
  if (bench->reader == READER_FLOOR)
    {
      /* The floor reads until it sees this row. */
      g_atomic_int_set (&bench->done, 1);
      g_snprintf (sql, sizeof sql, "INSERT INTO lat.t (id) VALUES (%d)", SENTINEL_ID);
      query_or_die (mysql, sql);
    }
  else
    stop_reader (bench);
  mysql_close (mysql);
  return NULL;
}

/* The stream's readers. */

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Bench             *bench)
{
  const char *table = mysql_binlog_row_get_table (row);

  if (table[0] == 't' && table[1] == '\0')
    row_seen (bench, mysql_binlog_row_get_int64 (row, 0));
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Bench *bench = data;

  mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (source), result, &bench->error);
  g_main_loop_quit (bench->loop);
}

static gboolean
run_stream (Bench   *bench,
            GThread *writer)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  gboolean ok;

  if (bench->port > 0)
    stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                           "host", "127.0.0.1",
                           "port", bench->port,
                           "user", "root",
                           "password", "",
                           "server-id", bench->server_id,
                           NULL);
  else
    stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                           "socket", bench->socket,
                           "user", "root",
                           "password", "",
                           "server-id", bench->server_id,
                           NULL);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), bench);
  bench->stream = stream;

  if (bench->reader == READER_RUN)
    ok = mysql_binlog_stream_run (stream, NULL, &bench->error);
  else
    {
      bench->loop = g_main_loop_new (NULL, FALSE);
      mysql_binlog_stream_run_async (stream, NULL, on_async_done, bench);
      g_main_loop_run (bench->loop);
      g_main_loop_unref (bench->loop);
      ok = bench->error == NULL;
    }
  reader_ended (bench);
  g_thread_join (writer);
  bench->stream = NULL;
  return ok;
}

/* The floor: the dump command and the raw packets, on this thread, with
 * only what it takes to find the rows of lat.t and their id. */

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static gboolean
run_floor (Bench   *bench,
           GThread *writer)
{
  MYSQL *mysql = connect_to (bench->socket, bench->port);
  MYSQL_RES *result;
  MYSQL_ROW row;
  g_autofree char *file = NULL;
  guint32 offset;
  guint64 table_id = G_MAXUINT64;
  guint8 command[10 + 256];
  gsize file_length;
#if !HAVE_CONNECTOR_C
  MYSQL_RPL rpl = { 0, };
#endif

  query_or_die (mysql, "SET @master_binlog_checksum = @@global.binlog_checksum, "
                       "@mariadb_slave_capability = 4");
  query_or_die (mysql, "SHOW MASTER STATUS");
  result = mysql_store_result (mysql);
  row = result != NULL ? mysql_fetch_row (result) : NULL;
  if (row == NULL)
    {
      g_printerr ("bench-latency: SHOW MASTER STATUS: no binary log\n");
      exit (1);
    }
  file = g_strdup (row[0]);
  offset = (guint32) g_ascii_strtoull (row[1], NULL, 10);
  mysql_free_result (result);

  file_length = MIN (strlen (file), 256);
  command[0] = offset & 0xff;
  command[1] = (offset >> 8) & 0xff;
  command[2] = (offset >> 16) & 0xff;
  command[3] = offset >> 24;
  command[4] = command[5] = 0;  /* flags: blocking */
  command[6] = bench->server_id & 0xff;
  command[7] = (bench->server_id >> 8) & 0xff;
  command[8] = (bench->server_id >> 16) & 0xff;
  command[9] = bench->server_id >> 24;
  memcpy (command + 10, file, file_length);

#if HAVE_CONNECTOR_C
  if (mysql->methods->db_command (mysql, COM_BINLOG_DUMP, (const char *) command,
                                  10 + file_length, 1, NULL) != 0)
#else
  rpl.file_name_length = file_length;
  rpl.file_name = file;
  rpl.start_position = offset;
  rpl.server_id = bench->server_id;
  if (mysql_binlog_open (mysql, &rpl) != 0)
#endif
    {
      g_printerr ("bench-latency: COM_BINLOG_DUMP: %s\n", mysql_error (mysql));
      exit (1);
    }

  for (;;)
    {
#if HAVE_CONNECTOR_C
      unsigned long n = mysql_net_read_packet (mysql);
      const guint8 *p = mysql->net.read_pos;
      gboolean failed = n == (unsigned long) (unsigned int) -1 || n == (unsigned long) -1;
#else
      gboolean failed = mysql_binlog_fetch (mysql, &rpl) != 0;
      unsigned long n = rpl.size;
      const guint8 *p = rpl.buffer;
#endif
      guint8 type;

      if (failed || n < 20)
        {
          g_printerr ("bench-latency: reading the dump: %s\n", mysql_error (mysql));
          exit (1);
        }
      if (p[0] != 0)
        continue;
      p++;
      n--;
      type = p[4];
      if (type == 19 /* TABLE_MAP */ && n >= 19 + 8 + 2)
        {
          const guint8 *body = p + 19 + 8;
          guint db_length = body[0];

          if (db_length == 3 && memcmp (body + 1, "lat", 3) == 0 &&
              body[1 + db_length + 1] == 1 && body[1 + db_length + 2] == 't')
            table_id = le32 (p + 19) | ((guint64) (p[19 + 4] | (p[19 + 5] << 8)) << 32);
        }
      else if (type == 23 || type == 30)  /* WRITE_ROWS v1, v2 */
        {
          guint64 id = le32 (p + 19) | ((guint64) (p[19 + 4] | (p[19 + 5] << 8)) << 32);
          const guint8 *body = p + 19 + 8;
          gint32 value;

          if (id != table_id)
            continue;
          if (type == 30)
            body = p + 19 + 10 + ((p[19 + 8] | (p[19 + 9] << 8)) - 2);
          /* one column: its count (1), the columns bitmap (1), then the
           * row: the null bitmap (1) and the INT (4) */
          value = (gint32) le32 (body + 3);
          row_seen (bench, value);
          if (value == SENTINEL_ID && g_atomic_int_get (&bench->done))
            break;
        }
    }
  mysql_close (mysql);
  g_thread_join (writer);
  return TRUE;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile_us (gint64 *sorted,
               guint   n,
               guint   permille)
{
  if (n == 0)
    return 0;
  return sorted[MIN (n - 1, (guint64) n * permille / 1000)] / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *reader = NULL;
  int count = 10000, background = 0, server_id = 9100, port = 0;
  Bench bench = { 0, };
  MYSQL *setup;
  GThread *writer;
  gint64 *latency, *after, *commit;
  guint n = 0, lost = 0;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "socket", 0, 0, G_OPTION_ARG_FILENAME, &socket_path, "The server's Unix socket", "PATH" },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, "run, async or floor", "READER" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Transactions timed (10000)", "N" },
    { "background", 0, 0, G_OPTION_ARG_INT, &background, "Rows a second written meanwhile to another table (0)", "R" },
    { "server-id", 0, 0, G_OPTION_ARG_INT, &server_id, "Replica server id", "ID" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "The reader connects over TCP to 127.0.0.1 on this port", "PORT" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- commit-to-handler latency at the head of a server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-latency: %s\n", error->message);
      return 2;
    }
  if (socket_path == NULL || count <= 0 || background < 0 || port < 0 || port > 65535)
    {
      g_printerr ("bench-latency: give --socket, a positive --count\n");
      return 2;
    }
  if (g_strcmp0 (reader, "run") == 0)
    bench.reader = READER_RUN;
  else if (g_strcmp0 (reader, "async") == 0)
    bench.reader = READER_ASYNC;
  else if (g_strcmp0 (reader, "floor") == 0)
    bench.reader = READER_FLOOR;
  else
    {
      g_printerr ("bench-latency: --reader run, async or floor\n");
      return 2;
    }

  bench.socket = socket_path;
  bench.port = port;
  bench.count = count;
  bench.background = background;
  bench.server_id = server_id;
  bench.sent = g_new0 (gint64, count);
  bench.returned = g_new0 (gint64, count);
  bench.seen = g_new0 (gint64, count);
  bench.last_seen_id = G_MININT64;
  g_mutex_init (&bench.lock);
  g_cond_init (&bench.changed);

  setup = connect_or_die (socket_path);
  query_or_die (setup, "CREATE DATABASE IF NOT EXISTS lat");
  query_or_die (setup, "CREATE OR REPLACE TABLE lat.t (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
  query_or_die (setup, "CREATE OR REPLACE TABLE lat.bg (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                       "v INT NOT NULL) ENGINE=InnoDB");
  mysql_close (setup);

  writer = g_thread_new ("writer", writer_thread, &bench);
  if (bench.reader == READER_FLOOR)
    ok = run_floor (&bench, writer);
  else
    ok = run_stream (&bench, writer);
  if (!ok)
    {
      g_printerr ("bench-latency: %s\n", bench.error != NULL ? bench.error->message : "failed");
      return 1;
    }

  latency = g_new (gint64, count);
  after = g_new (gint64, count);
  commit = g_new (gint64, count);
  for (int id = 0; id < count; id++)
    {
      if (bench.seen[id] == 0)
        {
          lost++;
          continue;
        }
      latency[n] = bench.seen[id] - bench.sent[id];
      after[n] = bench.seen[id] - bench.returned[id];
      commit[n] = bench.returned[id] - bench.sent[id];
      n++;
    }
  qsort (latency, n, sizeof *latency, compare_gint64);
  qsort (after, n, sizeof *after, compare_gint64);
  qsort (commit, n, sizeof *commit, compare_gint64);

  g_print ("reader=%s n=%u lost=%u p50_us=%.1f p99_us=%.1f max_us=%.1f "
           "after_return_p50_us=%.1f after_return_p99_us=%.1f commit_p50_us=%.1f "
           "background_rows=%" G_GUINT64_FORMAT " background_rate=%.0f\n",
           reader, n, lost, percentile_us (latency, n, 500), percentile_us (latency, n, 990),
           n > 0 ? latency[n - 1] / 1000.0 : 0,
           percentile_us (after, n, 500), percentile_us (after, n, 990),
           percentile_us (commit, n, 500),
           bench.background_rows,
           bench.background_seconds > 0 ? bench.background_rows / bench.background_seconds : 0);
  return lost == 0 ? 0 : 1;
}
