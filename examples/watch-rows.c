/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * watch-rows: prints every row a MySQL or MariaDB server changes.
 *
 *   watch-rows --socket /run/mysqld/mysqld.sock --user root
 *   watch-rows --host db --user replica --password secret --table shop.orders
 *
 * Each change is one line on stdout:
 *
 *   INSERT shop.orders {id: 1, customer: 'alice', total: '10.50'}
 *   UPDATE shop.orders {id: 1, ...} -> {id: 1, ...}
 *   DELETE shop.orders {id: 1, ...}
 *
 * mysql_binlog_stream_run_async() reads on a thread of the library and
 * emits the signals here, on the main loop, which also watches SIGINT and
 * SIGTERM (g_unix_signal_add()): their callback calls
 * mysql_binlog_stream_stop(), and the run's callback quits the loop.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib-unix.h>
#include <mysqlbinlog-glib.h>


/* {{{ Printing rows */

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\'':
          g_string_append (out, "\\'");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '\'');
}

static void
append_value (GString        *out,
              MysqlBinlogRow *row,
              guint           column)
{
  g_autoptr(GVariant) value = NULL;
  g_autofree char *text = NULL;

  if (mysql_binlog_row_is_null (row, column))
    {
      g_string_append (out, "NULL");
      return;
    }

  value = mysql_binlog_row_get_value (row, column);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      append_quoted (out, g_variant_get_string (value, NULL));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      /* SET: the members, in definition order. */
      g_autofree const char **members = g_variant_get_strv (value, NULL);

      g_string_append_c (out, '[');
      for (guint i = 0; members[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_quoted (out, members[i]);
        }
      g_string_append_c (out, ']');
    }
  else
    {
      /* Numbers exactly (BIGINT UNSIGNED, DOUBLE), bytes as 0x... */
      text = mysql_binlog_row_dup_string (row, column);
      g_string_append (out, text != NULL ? text : "?");
    }
}

static void
append_row (GString        *out,
            MysqlBinlogRow *row)
{
  guint n = mysql_binlog_row_get_n_columns (row);

  g_string_append_c (out, '{');
  for (guint i = 0; i < n; i++)
    {
      const char *name = mysql_binlog_row_get_column_name (row, i);

      if (i > 0)
        g_string_append (out, ", ");
      if (name != NULL)
        g_string_append_printf (out, "%s: ", name);
      else
        g_string_append_printf (out, "@%u: ", i + 1);
      append_value (out, row, i);
    }
  g_string_append_c (out, '}');
}

static void
print_line (GString *line)
{
  g_string_append_c (line, '\n');
  fwrite (line->str, 1, line->len, stdout);
  fflush (stdout);
}

static void
on_rows_inserted (MysqlBinlogStream *stream,
                  MysqlBinlogRow    *row,
                  gpointer           user_data)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "INSERT %s.%s ", mysql_binlog_row_get_schema (row),
                          mysql_binlog_row_get_table (row));
  append_row (line, row);
  print_line (line);
}

static void
on_rows_updated (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *before,
                 MysqlBinlogRow    *after,
                 gpointer           user_data)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "UPDATE %s.%s ", mysql_binlog_row_get_schema (after),
                          mysql_binlog_row_get_table (after));
  append_row (line, before);
  g_string_append (line, " -> ");
  append_row (line, after);
  print_line (line);
}

static void
on_rows_deleted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 gpointer           user_data)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "DELETE %s.%s ", mysql_binlog_row_get_schema (row),
                          mysql_binlog_row_get_table (row));
  append_row (line, row);
  print_line (line);
}

/* The first event shows that the server accepted us as a replica. */
static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           gpointer           user_data)
{
  gboolean *announced = user_data;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autofree char *where = NULL;

  if (*announced)
    return;
  *announced = TRUE;

  position = mysql_binlog_stream_get_position (stream);
  if (position != NULL)
    where = mysql_binlog_position_to_string (position);
  else
    where = g_strdup_printf ("%s:%" G_GUINT64_FORMAT,
                             mysql_binlog_event_get_log_file (event),
                             mysql_binlog_event_get_next_position (event));
  g_printerr ("watch-rows: watching from %s\n", where);
}

/* }}} */

/* {{{ The main loop: the run, SIGINT and SIGTERM */

typedef struct
{
  MysqlBinlogStream *stream;
  GMainLoop         *loop;
  GError            *error;
  gboolean           stopping;
} Watch;

static gboolean
on_unix_signal (gpointer user_data)
{
  Watch *watch = user_data;

  if (watch->stopping)
    {
      /* A second Ctrl-C: the user does not want to wait. */
      g_printerr ("watch-rows: interrupted\n");
      _exit (130);
    }
  watch->stopping = TRUE;
  g_printerr ("watch-rows: stopping\n");
  mysql_binlog_stream_stop (watch->stream);
  return G_SOURCE_CONTINUE;
}

static void
on_run_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Watch *watch = user_data;

  mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (source), result, &watch->error);
  g_main_loop_quit (watch->loop);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *host = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *start = NULL;
  g_auto(GStrv) tables = NULL;
  int port = 3306;
  int server_id = 0;
  gboolean non_blocking = FALSE;
  gboolean announced = FALSE;
  GOptionEntry entries[] = {
    { "host", 'h', 0, G_OPTION_ARG_STRING, &host, "Server host (default: localhost)", "HOST" },
    { "port", 'P', 0, G_OPTION_ARG_INT, &port, "Server TCP port (default: 3306)", "PORT" },
    { "socket", 'S', 0, G_OPTION_ARG_FILENAME, &socket_path, "Unix socket (wins over host and port)",
      "PATH" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, "User name (default: root)", "USER" },
    { "password", 'p', 0, G_OPTION_ARG_STRING, &password,
      "Password (default: $MYSQL_PWD, else none)", "PASSWORD" },
    { "server-id", 0, 0, G_OPTION_ARG_INT, &server_id,
      "Replica id, unique among the server's replicas (default: derived from the process id)",
      "ID" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start,
      "Start at this position (default: the current end)", "FILE:POS" },
    { "non-blocking", 'n', 0, G_OPTION_ARG_NONE, &non_blocking,
      "Stop at the current end of the binary log instead of waiting", NULL },
    { "table", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tables,
      "Only print this table's rows (repeatable)", "SCHEMA.TABLE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogPosition) start_position = NULL;
  Watch watch = { NULL, };
  guint sigint_id, sigterm_id;

  options = g_option_context_new ("- print the rows a MySQL or MariaDB server changes");
  g_option_context_add_main_entries (options, entries, NULL);
  g_option_context_set_description (options,
    "Each inserted, updated or deleted row is printed as one line:\n"
    "  INSERT shop.orders {id: 1, name: 'x'}\n"
    "  UPDATE shop.orders {id: 1, name: 'x'} -> {id: 1, name: 'y'}\n"
    "The account needs the REPLICATION SLAVE and REPLICATION CLIENT privileges,\n"
    "and the server log_bin with binlog_format=ROW.  Stop with Ctrl-C.\n");
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("watch-rows: %s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr ("watch-rows: unexpected argument “%s”\n", argv[1]);
      return 2;
    }
  if (port <= 0 || port > 65535)
    {
      g_printerr ("watch-rows: --port must be between 1 and 65535\n");
      return 2;
    }
  if (server_id < 0)
    {
      g_printerr ("watch-rows: --server-id must be positive\n");
      return 2;
    }
  if (server_id == 0)
    server_id = 100000 + (int) (getpid () % 100000);
  if (password == NULL && g_getenv ("MYSQL_PWD") != NULL)
    password = g_strdup (g_getenv ("MYSQL_PWD"));
  if (start != NULL)
    {
      start_position = mysql_binlog_position_from_string (start, &error);
      if (start_position == NULL)
        {
          g_printerr ("watch-rows: --start: %s\n", error->message);
          return 2;
        }
    }

  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                         "host", host != NULL ? host : "localhost",
                         "port", (guint) port,
                         "socket", socket_path,
                         "user", user != NULL ? user : "root",
                         "password", password,
                         "server-id", (guint) server_id,
                         "start-position", start_position,
                         "blocking", !non_blocking,
                         NULL);

  if (tables != NULL)
    {
      /* Detailed signals: only these tables' rows are decoded. */
      for (guint i = 0; tables[i] != NULL; i++)
        {
          g_autofree char *inserted = g_strconcat ("rows-inserted::", tables[i], NULL);
          g_autofree char *updated = g_strconcat ("rows-updated::", tables[i], NULL);
          g_autofree char *deleted = g_strconcat ("rows-deleted::", tables[i], NULL);

          g_signal_connect (stream, inserted, G_CALLBACK (on_rows_inserted), NULL);
          g_signal_connect (stream, updated, G_CALLBACK (on_rows_updated), NULL);
          g_signal_connect (stream, deleted, G_CALLBACK (on_rows_deleted), NULL);
        }
    }
  else
    {
      g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_rows_inserted), NULL);
      g_signal_connect (stream, "rows-updated", G_CALLBACK (on_rows_updated), NULL);
      g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_rows_deleted), NULL);
    }
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), &announced);

  watch.stream = stream;
  watch.loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_unix_signal, &watch);
  sigterm_id = g_unix_signal_add (SIGTERM, on_unix_signal, &watch);
  mysql_binlog_stream_run_async (stream, NULL, on_run_finished, &watch);
  g_main_loop_run (watch.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_main_loop_unref (watch.loop);

  if (watch.error != NULL)
    {
      g_printerr ("watch-rows: %s\n", watch.error->message);
      g_error_free (watch.error);
      return 1;
    }

  if (watch.stopping)
    g_printerr ("watch-rows: stopped\n");
  return 0;
}
