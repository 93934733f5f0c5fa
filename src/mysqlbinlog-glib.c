/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * mysqlbinlog-glib: follows the binary log of a MySQL or MariaDB server and
 * prints every event (--format text), prints one JSON message per changed
 * row (--format json), or publishes those messages to RabbitMQ (--amqp).
 *
 * The stream runs on the main thread and emits its signals there.  One
 * helper thread iterates a private GMainContext for SIGINT/SIGTERM, another
 * one runs a periodic tick (the --dedup-window buffer, broker
 * confirmations, progress, heartbeats).  Everything the main thread and the
 * tick touch is under App.lock; the signal thread takes no lock.
 *
 * Positions: each safe resume point the stream reports is queued with the
 * sequence number of the next message; it is saved only once every message
 * before it left the --dedup-window buffer and, with --amqp, was confirmed
 * by the broker.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <mysql.h>
#include <mysqlbinlog-glib.h>

#include "mbg-amqp.h"
#include "mysql-binlog-tls-guard-private.h"

#define PROGRAM "mysqlbinlog-glib"
#define TICK_MS 100
/* The position store is written at most this often, and at exit: a kill
 * -9 sends again what was confirmed since. */
#define STORE_INTERVAL_US (G_USEC_PER_SEC / 5)

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
} OutputFormat;

typedef enum
{
  MESSAGE_INSERT,
  MESSAGE_UPDATE,
  MESSAGE_DELETE,
  MESSAGE_HEARTBEAT,
} MessageType;

static const char * const message_type_names[] = {
  "row_insert", "row_update", "row_delete", "heartbeat",
};

/* One JSON message waiting in the --dedup-window buffer. */
typedef struct
{
  guint64         seq;
  gint64          due_us;       /* monotonic time it leaves the buffer */
  MessageType     type;
  MysqlBinlogRow *before;       /* updates: the first image before */
  MysqlBinlogRow *row;          /* the row, or for updates the last image after */
  JsonNode       *keys;
  char           *dedup_key;    /* NULL: never merged */
  char           *log_file;
  guint64         log_pos;
  guint           merged;       /* updates merged into this one */
} Message;

/* A safe resume point, saved once every message before @seq is out. */
typedef struct
{
  MysqlBinlogPosition *position;
  guint64              seq;
} SavePoint;

typedef struct
{
  GMutex             lock;

  /* Options */
  OutputFormat       format;
  char              *host;
  guint              port;
  char              *socket_path;
  char              *user;
  char              *password;
  MysqlBinlogTlsMode tls_mode;
  guint              connect_timeout;     /* seconds, 0 = none */
  char              *ssl_ca;
  char              *ssl_capath;
  char              *ssl_cert;
  char              *ssl_key;
  char              *ssl_cipher;
  GPtrArray         *table_patterns;      /* GPatternSpec *, NULL: all */
  GPtrArray         *ignored_patterns;    /* GPatternSpec * */
  gint64             dedup_window_us;
  gint64             heartbeat_us;
  gint64             progress_us;

  MysqlBinlogStream *stream;
  MbgAmqp           *amqp;
  MYSQL             *sql;                 /* primary keys and --from-beginning */
  MysqlBinlogPositionStore *store;        /* --position-file */
  gboolean           store_dirty;         /* saved_position not stored yet */
  gint64             last_store_us;

  /* The event being decoded, for the row messages' position */
  char              *event_file;
  guint64            event_pos;
  gboolean           first_event;

  guint64            next_seq;
  GQueue             buffer;              /* Message *, ordered by seq */
  GHashTable        *buffered_updates;    /* dedup key -> Message * (in buffer) */
  GQueue             save_points;         /* SavePoint * */
  MysqlBinlogPosition *saved_position;

  /* Statistics */
  guint64            n_events;
  guint64            n_rows;
  guint64            n_messages;
  guint64            n_merged;
  guint32            last_event_time;
  gint64             last_progress_us;
  guint64            last_progress_events;
  guint64            last_progress_rows;
  gint64             last_heartbeat_us;

  GError            *output_error;        /* the first failure to write or publish */
} App;

static int stopping;

/* {{{ Messages */

static void
message_free (Message *message)
{
  g_clear_pointer (&message->before, mysql_binlog_row_unref);
  g_clear_pointer (&message->row, mysql_binlog_row_unref);
  g_clear_pointer (&message->keys, json_node_unref);
  g_free (message->dedup_key);
  g_free (message->log_file);
  g_free (message);
}

static void
save_point_free (SavePoint *point)
{
  mysql_binlog_position_unref (point->position);
  g_free (point);
}

/* {{{ Output of values too big to be built whole */

/* A byte string or a text longer than this is not built whole, as its
 * text and again in json-glib's tree and output (a LONGBLOB of 1 GiB would
 * take several): it goes out in parts, as hex digits or escaped text,
 * from the variant of its value, which shares the event's memory for
 * byte strings. */
#define BIG_VALUE_BYTES (64 * 1024)
/* The part of such a text escaped at a time. */
#define BIG_VALUE_PART (64 * 1024)

/* Where output goes: the standard output, or a string (an AMQP body). */
typedef struct
{
  FILE    *file;
  GString *string;
  int      error;                         /* errno of the first failed write */
} Sink;

static void
sink_write (Sink       *sink,
            const char *data,
            gsize       length)
{
  if (sink->string != NULL)
    {
      g_string_append_len (sink->string, data, length);
      return;
    }
  if (sink->error != 0 || length == 0)
    return;
  errno = 0;
  if (fwrite (data, 1, length, sink->file) != length)
    sink->error = errno != 0 ? errno : EIO;
}

/* The value of @column when it is too big to be built whole: a byte
 * string (`ay`) or a text (`s`) of more than BIG_VALUE_BYTES, else NULL. */
static GVariant *
big_value (MysqlBinlogRow *row,
           guint           column)
{
  gsize length = 0;
  GVariant *value;

  if (mysql_binlog_row_peek_bytes (row, column, &length) == NULL || length <= BIG_VALUE_BYTES)
    return NULL;
  value = mysql_binlog_row_get_value (row, column);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return value;
  g_variant_unref (value);
  return NULL;
}

/* Writes a value of big_value() as JSON, the same text as value_to_json()
 * gives it (a byte string as the server prints it, "0x" and upper-case
 * hex digits), a part at a time. */
static void
write_big_value (Sink     *sink,
                 GVariant *value)
{
  sink_write (sink, "\"", 1);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      static const char digits[] = "0123456789ABCDEF";
      char part[8192];
      gsize length = 0;
      const guint8 *data = g_variant_get_fixed_array (value, &length, 1);

      sink_write (sink, "0x", 2);
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, sizeof part / 2);

          for (gsize i = 0; i < n; i++)
            {
              part[2 * i] = digits[data[done + i] >> 4];
              part[2 * i + 1] = digits[data[done + i] & 15];
            }
          sink_write (sink, part, 2 * n);
          done += n;
        }
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      gsize length = 0;
      const char *text = g_variant_get_string (value, &length);

      /* json-glib escapes a character at a time: parts cut between two
       * characters give the text it would give for the whole. */
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, BIG_VALUE_PART);
          g_autofree char *part = NULL;
          g_autofree char *escaped = NULL;

          while (done + n < length && n > 1 && ((guchar) text[done + n] & 0xc0) == 0x80)
            n--;
          part = g_strndup (text + done, n);
          json_node_set_string (node, part);
          escaped = json_to_string (node, FALSE);
          /* Without its quotes. */
          sink_write (sink, escaped + 1, strlen (escaped) - 2);
          done += n;
        }
    }
  sink_write (sink, "\"", 1);
}

/* The stand-in of the @index'th big value of a message, as json-glib
 * writes it: a string of a control character and a number. */
static char *
big_value_token (guint index)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  char text[24];

  g_snprintf (text, sizeof text, "\001%u", index);
  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

/* }}} */

/* A value as JSON: numbers as numbers (exact ones as strings), SET as a
 * list, binary as the server prints it (0x...).  With @big, a value too
 * big to be built whole is added to it and stands in the tree as the
 * string of big_value_token(). */
static JsonNode *
value_to_json (MysqlBinlogRow *row,
               guint           column,
               GPtrArray      *big)
{
  g_autoptr(GVariant) value = NULL;
  JsonNode *node;

  if (mysql_binlog_row_is_null (row, column))
    return json_node_new (JSON_NODE_NULL);

  if (big != NULL && (value = big_value (row, column)) != NULL)
    {
      char text[24];

      g_snprintf (text, sizeof text, "\001%u", big->len);
      g_ptr_array_add (big, g_steal_pointer (&value));
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      return node;
    }

  value = mysql_binlog_row_get_value (row, column);
  node = json_node_new (JSON_NODE_VALUE);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    json_node_set_int (node, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) &&
           g_variant_get_uint64 (value) <= G_MAXINT64)
    json_node_set_int (node, (gint64) g_variant_get_uint64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    json_node_set_double (node, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    json_node_set_string (node, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) ||
           g_variant_is_of_type (value, G_VARIANT_TYPE ("ad")))
    {
      JsonArray *array = json_array_new ();
      GVariantIter iter;
      g_autoptr(GVariant) child = NULL;

      g_variant_iter_init (&iter, value);
      while ((child = g_variant_iter_next_value (&iter)) != NULL)
        {
          if (g_variant_is_of_type (child, G_VARIANT_TYPE_STRING))
            json_array_add_string_element (array, g_variant_get_string (child, NULL));
          else
            json_array_add_double_element (array, g_variant_get_double (child));
          g_clear_pointer (&child, g_variant_unref);
        }
      json_node_init_array (node, array);
      json_array_unref (array);
    }
  else
    {
      /* BIGINT UNSIGNED above 2^63, BIT, binary strings: as text. */
      g_autofree char *text = mysql_binlog_row_dup_string (row, column);
      json_node_set_string (node, text != NULL ? text : "");
    }
  return node;
}

static void
set_column (JsonObject     *object,
            MysqlBinlogRow *row,
            guint           column,
            GPtrArray      *big)
{
  const char *name = mysql_binlog_row_get_column_name (row, column);
  g_autofree char *fallback = NULL;

  if (name == NULL)
    name = fallback = g_strdup_printf ("@%u", column + 1);
  json_object_set_member (object, name, value_to_json (row, column, big));
}

static JsonNode *
row_to_json (MysqlBinlogRow *row,
             GPtrArray      *big)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint n = mysql_binlog_row_get_n_columns (row);

  for (guint i = 0; i < n; i++)
    set_column (object, row, i, big);
  json_node_take_object (node, object);
  return node;
}

static gboolean
values_equal (MysqlBinlogRow *a,
              guint           column_a,
              MysqlBinlogRow *b,
              guint           column_b)
{
  g_autoptr(GVariant) value_a = NULL;
  g_autoptr(GVariant) value_b = NULL;

  if (mysql_binlog_row_is_null (a, column_a) || mysql_binlog_row_is_null (b, column_b))
    return mysql_binlog_row_is_null (a, column_a) && mysql_binlog_row_is_null (b, column_b);
  value_a = mysql_binlog_row_get_value (a, column_a);
  value_b = mysql_binlog_row_get_value (b, column_b);
  return g_variant_equal (value_a, value_b);
}

/* The message as one line of JSON, in the shapes of the MySQL monitor;
 * with @big, the values too big to be built whole stand in it as the
 * strings of big_value_token() (see value_to_json()). */
static char *
message_to_json (Message   *message,
                 GPtrArray *big)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  MysqlBinlogRow *row = message->row;

  json_node_take_object (root, object);
  json_object_set_string_member (object, "type", message_type_names[message->type]);
  json_object_set_int_member (object, "timestamp", g_get_real_time () / G_USEC_PER_SEC);
  if (message->type == MESSAGE_HEARTBEAT)
    return json_to_string (root, FALSE);

  json_object_set_string_member (object, "schema", mysql_binlog_row_get_schema (row));
  json_object_set_string_member (object, "table_name", mysql_binlog_row_get_table (row));
  json_object_set_int_member (object, "binlog_timestamp", mysql_binlog_row_get_timestamp (row));
  if (message->log_file != NULL)
    {
      json_object_set_string_member (object, "log_file", message->log_file);
      json_object_set_int_member (object, "log_pos", (gint64) message->log_pos);
    }
  json_object_set_member (object, "keys", json_node_copy (message->keys));

  switch (message->type)
    {
    case MESSAGE_INSERT:
      json_object_set_member (object, "values", row_to_json (row, big));
      break;

    case MESSAGE_DELETE:
      json_object_set_member (object, "values", row_to_json (row, big));
      break;

    case MESSAGE_UPDATE:
      {
        JsonObject *before = json_object_new ();
        JsonObject *after = json_object_new ();
        guint n = mysql_binlog_row_get_n_columns (row);

        /* Only the columns that changed, between the first image before
         * and the last image after when updates were merged. */
        for (guint i = 0; i < n; i++)
          {
            const char *name = mysql_binlog_row_get_column_name (row, i);
            int j = name != NULL ? mysql_binlog_row_get_column_index (message->before, name) : (int) i;

            if (j >= 0 && (guint) j < mysql_binlog_row_get_n_columns (message->before) &&
                values_equal (message->before, j, row, i))
              continue;
            if (j >= 0 && (guint) j < mysql_binlog_row_get_n_columns (message->before))
              set_column (before, message->before, j, big);
            set_column (after, row, i, big);
          }
        json_object_set_object_member (object, "before_values", before);
        json_object_set_object_member (object, "after_values", after);
        if (message->merged > 0)
          json_object_set_int_member (object, "merged_updates", message->merged);
      }
      break;

    case MESSAGE_HEARTBEAT:
    default:
      g_assert_not_reached ();
    }
  return json_to_string (root, FALSE);
}

static char *
message_routing_key (Message *message)
{
  if (message->type == MESSAGE_HEARTBEAT)
    return g_strdup ("heartbeat");
  return g_strdup_printf ("%s.%s.%s", mysql_binlog_row_get_schema (message->row),
                          mysql_binlog_row_get_table (message->row),
                          message_type_names[message->type]);
}

/* }}} */

/* {{{ The tool's own server connection (SHOW BINARY LOGS for --from-beginning) */

#if defined(MARIADB_PACKAGE_VERSION_ID) || defined(MARIADB_BASE_VERSION)
# define HAVE_CONNECTOR_C 1
#else
# define HAVE_CONNECTOR_C 0
#endif

/* The tool's own connection is set up for TLS by the library's code (a
 * copy of it, compiled into the tool): the same options, and the same
 * guard that sends no credential before TLS is known to be used, as on
 * the stream's connections. */
static gboolean
ensure_sql (App     *app,
            GError **error)
{
  MysqlBinlogTlsOptions tls = {
    .mode = app->tls_mode,
    .ca_file = app->ssl_ca,
    .ca_directory = app->ssl_capath,
    .cert_file = app->ssl_cert,
    .key_file = app->ssl_key,
    .cipher = app->ssl_cipher,
  };
  MysqlBinlogTlsGuard guard;
  g_autofree char *where = NULL;
  g_autofree char *doing = NULL;
  gboolean connected;

  if (app->sql != NULL)
    return TRUE;

  if (app->socket_path != NULL)
    where = g_strdup (app->socket_path);
  else
    where = g_strdup_printf ("%s:%u", app->host != NULL ? app->host : "localhost",
                             app->port != 0 ? app->port : 3306);
  doing = g_strdup_printf ("Connecting to the server at %s as “%s”", where,
                           app->user != NULL ? app->user : "");

  app->sql = mysql_init (NULL);
  if (app->sql == NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                           "Could not initialise the MySQL client library");
      return FALSE;
    }
  mysql_options (app->sql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  /* As the stream's connection: a server that accepts and then stays
   * silent is an error within --connect-timeout, not a hang. */
  if (app->connect_timeout > 0)
    {
      unsigned int timeout = app->connect_timeout;

      mysql_options (app->sql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
      mysql_options (app->sql, MYSQL_OPT_READ_TIMEOUT, &timeout);
      mysql_options (app->sql, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
    }
  if (!_mysql_binlog_tls_configure (app->sql, &tls, error))
    {
      g_clear_pointer (&app->sql, mysql_close);
      return FALSE;
    }

  _mysql_binlog_tls_guard_begin (&guard, &tls);
  connected = mysql_real_connect (app->sql,
                                  app->socket_path != NULL ? "localhost" : app->host,
                                  app->user, app->password, NULL,
                                  app->socket_path != NULL ? 0 : app->port,
                                  app->socket_path, 0) != NULL;
  _mysql_binlog_tls_guard_end (&guard);

  if (!connected)
    {
      if (!_mysql_binlog_tls_guard_refused (&guard, where, error))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CONNECTION_FAILED,
                       "%s failed: %s (MySQL error %u)", doing, mysql_error (app->sql),
                       mysql_errno (app->sql));
          _mysql_binlog_tls_explain_failure (app->sql, &tls, doing, error);
        }
      g_clear_pointer (&app->sql, mysql_close);
      return FALSE;
    }
  if (!_mysql_binlog_tls_check_encrypted (app->sql, &tls, where, error))
    {
      g_clear_pointer (&app->sql, mysql_close);
      return FALSE;
    }
  return TRUE;
}

/* --ssl-mode: MySQL's names (any case), e.g. VERIFY_IDENTITY. */
static gboolean
parse_tls_mode (const char         *text,
                MysqlBinlogTlsMode *mode)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (MYSQL_BINLOG_TYPE_TLS_MODE);
  g_autofree char *nick = g_ascii_strdown (text, -1);
  GEnumValue *value;

  g_strdelimit (nick, "_", '-');
  value = g_enum_get_value_by_nick (enum_class, nick);
  if (value == NULL)
    return FALSE;
  *mode = value->value;
  return TRUE;
}

/* The first column of every row of @query. */
static GStrv
query_column (App         *app,
              const char  *query,
              GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  MYSQL_RES *result;
  MYSQL_ROW sql_row;

  if (!ensure_sql (app, error))
    return NULL;
  if (mysql_query (app->sql, query) != 0 || (result = mysql_store_result (app->sql)) == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_SERVER,
                   "“%s” failed: %s", query, mysql_error (app->sql));
      /* Connect again next time: the connection may be what broke. */
      mysql_close (app->sql);
      app->sql = NULL;
      return NULL;
    }
  builder = g_strv_builder_new ();
  while ((sql_row = mysql_fetch_row (result)) != NULL)
    if (sql_row[0] != NULL)
      g_strv_builder_add (builder, sql_row[0]);
  mysql_free_result (result);
  return g_strv_builder_end (builder);
}

/* The row's primary key columns: the library knows them from the binlog's
 * metadata (binlog_row_metadata=FULL) or, on a live stream, from the
 * server's information_schema; a file without the metadata names none. */
static const char * const *
primary_key (MysqlBinlogRow *row)
{
  static const char * const none[] = { NULL };
  const char * const *known = mysql_binlog_row_get_primary_key (row);

  return known != NULL ? known : none;
}

static JsonNode *
row_keys (App            *app,
          MysqlBinlogRow *row,
          char          **dedup_key)
{
  const char * const *columns = primary_key (row);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint found = 0;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      int column = mysql_binlog_row_get_column_index (row, columns[i]);

      if (column < 0)
        continue;
      set_column (object, row, column, NULL);
      found++;
    }
  json_node_take_object (node, object);

  if (found > 0 && found == g_strv_length ((char **) columns))
    {
      g_autofree char *text = json_to_string (node, FALSE);

      *dedup_key = g_strdup_printf ("%s.%s %s", mysql_binlog_row_get_schema (row),
                                    mysql_binlog_row_get_table (row), text);
    }
  else
    *dedup_key = NULL;
  return node;
}

/* }}} */

/* {{{ Output, the --dedup-window buffer and positions (App.lock held) */

static void
fail_output (App    *app,
             GError *error)
{
  if (app->output_error == NULL)
    {
      app->output_error = error;
      mysql_binlog_stream_stop (app->stream);
    }
  else
    g_error_free (error);
}

static void
fail_stdout (App *app,
             int  saved_errno)
{
  fail_output (app, g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                 "Cannot write to the standard output: %s",
                                 g_strerror (saved_errno)));
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const gsize *offset_a = a, *offset_b = b;

  return *offset_a < *offset_b ? -1 : *offset_a > *offset_b;
}

/* Writes the message as one line of JSON, without its newline: the text
 * of message_to_json (message, NULL), with the values too big to be built
 * whole written in parts where their stand-ins are. */
static void
write_message (Message *message,
               Sink    *sink)
{
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *body = message_to_json (message, big);
  g_autofree gsize *places = NULL;
  gsize written = 0;

  if (big->len == 0)
    {
      sink_write (sink, body, strlen (body));
      return;
    }

  /* Each stand-in where it is (its offset, its length, its value's index),
   * found exactly once; else a value of the message reads like one of
   * them, and the message is built whole instead. */
  places = g_new (gsize, 3 * big->len);
  for (guint i = 0; i < big->len; i++)
    {
      g_autofree char *token = big_value_token (i);
      const char *found = strstr (body, token);

      if (found == NULL || strstr (found + 1, token) != NULL)
        {
          g_clear_pointer (&body, g_free);
          body = message_to_json (message, NULL);
          sink_write (sink, body, strlen (body));
          return;
        }
      places[3 * i] = found - body;
      places[3 * i + 1] = strlen (token);
      places[3 * i + 2] = i;
    }
  qsort (places, big->len, 3 * sizeof (gsize), compare_offsets);

  for (guint i = 0; i < big->len; i++)
    {
      sink_write (sink, body + written, places[3 * i] - written);
      write_big_value (sink, g_ptr_array_index (big, places[3 * i + 2]));
      written = places[3 * i] + places[3 * i + 1];
    }
  sink_write (sink, body + written, strlen (body + written));
}

static void
emit_message (App     *app,
              Message *message)
{
  GError *error = NULL;
  Sink sink = { .file = stdout };

  if (app->output_error != NULL)
    return;

  app->n_messages++;
  if (app->amqp != NULL)
    {
      g_autofree char *routing_key = message_routing_key (message);
      g_autoptr(GString) body = g_string_new (NULL);

      sink.string = body;
      write_message (message, &sink);
      if (!mbg_amqp_publish (app->amqp, message->seq, routing_key, body->str, &error))
        fail_output (app, error);
      return;
    }

  write_message (message, &sink);
  sink_write (&sink, "\n", 1);
  if (sink.error == 0 && fflush (stdout) != 0)
    sink.error = errno;
  if (sink.error != 0)
    fail_stdout (app, sink.error);
}

static void
flush_buffer (App      *app,
              gboolean  all)
{
  gint64 now = g_get_monotonic_time ();

  while (!g_queue_is_empty (&app->buffer))
    {
      Message *head = g_queue_peek_head (&app->buffer);

      if (!all && head->due_us > now)
        break;
      g_queue_pop_head (&app->buffer);
      if (head->dedup_key != NULL &&
          g_hash_table_lookup (app->buffered_updates, head->dedup_key) == head)
        g_hash_table_remove (app->buffered_updates, head->dedup_key);
      emit_message (app, head);
      message_free (head);
    }
}

static void
queue_message (App     *app,
               Message *message)
{
  message->seq = app->next_seq++;

  if (app->dedup_window_us <= 0)
    {
      emit_message (app, message);
      message_free (message);
      return;
    }

  if (message->dedup_key != NULL)
    {
      Message *pending = g_hash_table_lookup (app->buffered_updates, message->dedup_key);

      if (message->type == MESSAGE_UPDATE && pending != NULL)
        {
          /* The same row updated again within the window: one message
           * from the first image before to this image after. */
          g_clear_pointer (&pending->row, mysql_binlog_row_unref);
          pending->row = g_steal_pointer (&message->row);
          pending->merged++;
          app->n_merged++;
          message_free (message);
          return;
        }
      /* An insert or delete in between: later updates start afresh. */
      g_hash_table_remove (app->buffered_updates, message->dedup_key);
      if (message->type == MESSAGE_UPDATE)
        g_hash_table_insert (app->buffered_updates, message->dedup_key, message);
    }
  message->due_us = g_get_monotonic_time () + app->dedup_window_us;
  g_queue_push_tail (&app->buffer, message);
}

static void
save_positions (App *app)
{
  Message *head = g_queue_peek_head (&app->buffer);
  guint64 done = head != NULL ? head->seq : app->next_seq;
  MysqlBinlogPosition *position = NULL;

  /* Everything before @done is written, or confirmed by the broker. */
  if (app->amqp != NULL)
    done = MIN (done, mbg_amqp_get_oldest_unconfirmed (app->amqp));

  while (!g_queue_is_empty (&app->save_points))
    {
      SavePoint *point = g_queue_peek_head (&app->save_points);

      if (point->seq > done)
        break;
      g_queue_pop_head (&app->save_points);
      g_clear_pointer (&position, mysql_binlog_position_unref);
      position = mysql_binlog_position_ref (point->position);
      save_point_free (point);
    }
  if (position == NULL)
    return;

  g_clear_pointer (&app->saved_position, mysql_binlog_position_unref);
  app->saved_position = position;
  app->store_dirty = TRUE;
}

/* Writes the last safe position to --position-file, at most once per
 * STORE_INTERVAL_US unless @now. */
static void
store_position (App      *app,
                gboolean  now)
{
  GError *error = NULL;
  gint64 time = g_get_monotonic_time ();

  if (app->store == NULL || !app->store_dirty || app->saved_position == NULL)
    return;
  if (!now && time - app->last_store_us < STORE_INTERVAL_US)
    return;
  if (!mysql_binlog_position_store_save (app->store, app->saved_position, NULL, &error))
    {
      g_prefix_error (&error, "Cannot save the position: ");
      fail_output (app, error);
      return;
    }
  app->store_dirty = FALSE;
  app->last_store_us = time;
}

/* }}} */

/* {{{ Text output */

static void
print_text (App     *app,
            GString *text)
{
  if (app->output_error != NULL)
    return;
  if (fwrite (text->str, 1, text->len, stdout) != text->len || fflush (stdout) != 0)
    fail_stdout (app, errno);
}

static void
append_text_value (App            *app,
                   GString        *out,
                   MysqlBinlogRow *row,
                   guint           column)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GVariant) big = NULL;
  g_autofree char *text = NULL;

  if (mysql_binlog_row_is_null (row, column))
    {
      g_string_append (out, "NULL");
      return;
    }
  /* Too big to be built whole: what comes before it goes out first, then
   * the value, a part at a time. */
  big = big_value (row, column);
  if (big != NULL)
    {
      Sink sink = { .file = stdout };

      print_text (app, out);
      g_string_truncate (out, 0);
      if (app->output_error != NULL)
        return;
      write_big_value (&sink, big);
      if (sink.error != 0)
        fail_stdout (app, sink.error);
      return;
    }
  /* JSON quoting: strings in double quotes with escapes, lists in []. */
  node = value_to_json (row, column, NULL);
  text = json_to_string (node, FALSE);
  g_string_append (out, text);
}

static void
print_text_row (App            *app,
                const char     *what,
                MysqlBinlogRow *before,
                MysqlBinlogRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = mysql_binlog_row_get_n_columns (row);

  g_string_append_printf (text, "%s %s.%s:\n", what, mysql_binlog_row_get_schema (row),
                          mysql_binlog_row_get_table (row));
  for (guint i = 0; i < n; i++)
    {
      const char *name = mysql_binlog_row_get_column_name (row, i);
      int j = -1;

      if (name != NULL)
        g_string_append_printf (text, "  %s: ", name);
      else
        g_string_append_printf (text, "  @%u: ", i + 1);
      if (before != NULL)
        {
          j = name != NULL ? mysql_binlog_row_get_column_index (before, name) : (int) i;
          if (j >= 0 && (guint) j < mysql_binlog_row_get_n_columns (before))
            {
              append_text_value (app, text, before, j);
              g_string_append (text, " => ");
            }
        }
      append_text_value (app, text, row, i);
      g_string_append_c (text, '\n');
    }
  print_text (app, text);
}

/* }}} */

/* {{{ Stream signal handlers (main thread) */

static gboolean
table_wanted (App        *app,
              const char *schema,
              const char *table)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", schema, table);
  gboolean wanted = app->table_patterns == NULL;

  for (guint i = 0; app->table_patterns != NULL && i < app->table_patterns->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (app->table_patterns, i), name))
      wanted = TRUE;
  for (guint i = 0; wanted && i < app->ignored_patterns->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (app->ignored_patterns, i), name))
      wanted = FALSE;
  return wanted;
}

static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           App               *app)
{

  g_mutex_lock (&app->lock);
  app->n_events++;
  if (mysql_binlog_event_get_timestamp (event) != 0)
    app->last_event_time = mysql_binlog_event_get_timestamp (event);
  g_free (app->event_file);
  app->event_file = g_strdup (mysql_binlog_event_get_log_file (event));
  app->event_pos = mysql_binlog_event_get_position (event);

  if (app->format == FORMAT_TEXT)
    {
      const char *schema = mysql_binlog_event_get_schema (event);
      const char *table = mysql_binlog_event_get_table (event);

      if (schema == NULL || table == NULL || table_wanted (app, schema, table))
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *dump = mysql_binlog_event_dump (event);

          if (!app->first_event)
            g_string_append_c (text, '\n');
          app->first_event = FALSE;
          g_string_append (text, dump);
          print_text (app, text);
        }
    }
  g_mutex_unlock (&app->lock);
}

static void
on_row (App            *app,
        MessageType     type,
        MysqlBinlogRow *before,
        MysqlBinlogRow *row)
{
  Message *message;

  g_mutex_lock (&app->lock);
  app->n_rows++;
  if (app->format == FORMAT_TEXT)
    {
      static const char * const titles[] = { "Inserted", "Updated", "Deleted" };

      print_text_row (app, titles[type], before, row);
      g_mutex_unlock (&app->lock);
      return;
    }

  message = g_new0 (Message, 1);
  message->type = type;
  message->row = mysql_binlog_row_ref (row);
  if (before != NULL)
    message->before = mysql_binlog_row_ref (before);
  /* Keys identify the row as it was before an update. */
  message->keys = row_keys (app, before != NULL ? before : row, &message->dedup_key);
  message->log_file = g_strdup (app->event_file);
  message->log_pos = app->event_pos;
  queue_message (app, message);
  g_mutex_unlock (&app->lock);
}

static void
on_rows_inserted (MysqlBinlogStream *stream,
                  MysqlBinlogRow    *row,
                  App               *app)
{
  on_row (app, MESSAGE_INSERT, NULL, row);
}

static void
on_rows_updated (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *before,
                 MysqlBinlogRow    *after,
                 App               *app)
{
  on_row (app, MESSAGE_UPDATE, before, after);
}

static void
on_rows_deleted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 App               *app)
{
  on_row (app, MESSAGE_DELETE, NULL, row);
}

static void
on_binlog_position (MysqlBinlogStream   *stream,
                    MysqlBinlogPosition *position,
                    App                 *app)
{
  SavePoint *tail;

  g_mutex_lock (&app->lock);
  tail = g_queue_peek_tail (&app->save_points);
  if (tail != NULL && tail->seq == app->next_seq)
    {
      /* No message since the last one: this position replaces it. */
      mysql_binlog_position_unref (tail->position);
      tail->position = mysql_binlog_position_ref (position);
    }
  else
    {
      SavePoint *point = g_new0 (SavePoint, 1);

      point->position = mysql_binlog_position_ref (position);
      point->seq = app->next_seq;
      g_queue_push_tail (&app->save_points, point);
    }
  if (app->amqp != NULL && app->output_error == NULL)
    {
      GError *error = NULL;

      if (!mbg_amqp_poll (app->amqp, &error))
        fail_output (app, error);
    }
  save_positions (app);
  g_mutex_unlock (&app->lock);
}

/* }}} */

/* {{{ The helper threads: signals, and the periodic tick */

typedef struct
{
  App          *app;
  GMainContext *context;
  int           quit;
} Helper;

static gboolean
on_unix_signal (gpointer user_data)
{
  Helper *helper = user_data;

  if (g_atomic_int_get (&stopping))
    {
      g_printerr (PROGRAM ": interrupted\n");
      _exit (130);
    }
  g_atomic_int_set (&stopping, TRUE);
  g_printerr (PROGRAM ": stopping\n");
  mysql_binlog_stream_stop (helper->app->stream);
  return G_SOURCE_CONTINUE;
}

static void
print_progress (App    *app,
                gint64  now)
{
  g_autoptr(GString) line = g_string_new (PROGRAM ": ");
  double seconds = (now - app->last_progress_us) / (double) G_USEC_PER_SEC;
  guint64 events = app->n_events - app->last_progress_events;

  if (app->event_file != NULL)
    g_string_append_printf (line, "at %s:%" G_GUINT64_FORMAT, app->event_file, app->event_pos);
  else
    g_string_append (line, "waiting for the first event");
  g_string_append_printf (line, ", %" G_GUINT64_FORMAT " events (%.0f/s), %" G_GUINT64_FORMAT
                          " rows (%.0f/s), %" G_GUINT64_FORMAT " messages",
                          app->n_events, seconds > 0 ? events / seconds : 0.0,
                          app->n_rows,
                          seconds > 0 ? (app->n_rows - app->last_progress_rows) / seconds : 0.0,
                          app->n_messages);
  if (app->n_merged > 0)
    g_string_append_printf (line, ", %" G_GUINT64_FORMAT " updates merged", app->n_merged);
  if (app->amqp != NULL)
    g_string_append_printf (line, ", %u unconfirmed", mbg_amqp_get_n_unconfirmed (app->amqp));
  if (events > 0 && app->last_event_time != 0)
    g_string_append_printf (line, ", lag %" G_GINT64_FORMAT " s",
                            MAX (0, g_get_real_time () / G_USEC_PER_SEC -
                                    (gint64) app->last_event_time));
  else if (app->n_events > 0)
    g_string_append (line, ", idle");
  if (app->saved_position != NULL)
    {
      g_autofree char *saved = mysql_binlog_position_to_string (app->saved_position);
      g_string_append_printf (line, ", safe at %s", saved);
    }
  g_printerr ("%s\n", line->str);
  app->last_progress_us = now;
  app->last_progress_events = app->n_events;
  app->last_progress_rows = app->n_rows;
}

static gboolean
on_tick (gpointer user_data)
{
  Helper *helper = user_data;
  App *app = helper->app;
  gint64 now = g_get_monotonic_time ();

  /* The signal sources run in a context of their own, so waiting here
   * (e.g. while the main thread reconnects to the broker) never delays a
   * SIGTERM. */
  g_mutex_lock (&app->lock);

  if (app->format == FORMAT_JSON && app->heartbeat_us > 0 &&
      now - app->last_heartbeat_us >= app->heartbeat_us)
    {
      Message *heartbeat = g_new0 (Message, 1);

      heartbeat->type = MESSAGE_HEARTBEAT;
      queue_message (app, heartbeat);
      app->last_heartbeat_us = now;
    }
  flush_buffer (app, FALSE);
  if (app->amqp != NULL && app->output_error == NULL)
    {
      GError *error = NULL;

      if (!mbg_amqp_poll (app->amqp, &error))
        fail_output (app, error);
    }
  save_positions (app);
  store_position (app, FALSE);
  if (app->progress_us > 0 && now - app->last_progress_us >= app->progress_us)
    print_progress (app, now);

  g_mutex_unlock (&app->lock);
  return G_SOURCE_CONTINUE;
}

/* Iterates until stop_helper(), even when that comes before the thread
 * started (g_main_loop_quit() before g_main_loop_run() would be lost). */
static gpointer
helper_thread (gpointer user_data)
{
  Helper *helper = user_data;

  g_main_context_push_thread_default (helper->context);
  while (!g_atomic_int_get (&helper->quit))
    g_main_context_iteration (helper->context, TRUE);
  g_main_context_pop_thread_default (helper->context);
  return NULL;
}

static void
stop_helper (Helper  *helper,
             GThread *thread)
{
  g_atomic_int_set (&helper->quit, TRUE);
  g_main_context_wakeup (helper->context);
  g_thread_join (thread);
  g_main_context_unref (helper->context);
}

/* }}} */

/* {{{ Credentials: the password arguments, the prompt and option files */

/* The password of the command line. */
typedef struct
{
  char     *value;        /* NULL: none given */
  gboolean  prompt;       /* -p or --password without a value */
} PasswordOption;

static PasswordOption password_option;

/* Overwrites @arg where it lies, in the memory the kernel shows as the
 * process's command line (ps, /proc/PID/cmdline): one 'x' is left, as the
 * mariadb client leaves it, so that ps still shows an argument there. */
static void
scrub_argument (char *arg)
{
  size_t length = strlen (arg);

  if (length == 0)
    return;
  memset (arg, 0, length);
  arg[0] = 'x';
}

static void
set_password (const char *value)
{
  g_free (password_option.value);
  password_option.value = value != NULL ? g_strdup (value) : NULL;
  password_option.prompt = value == NULL;
}

/* --password as GOptionContext would see it: take_password_arguments()
 * leaves it no password argument, but should one get through it counts
 * the same. */
static gboolean
on_password_option (const char  *option_name,
                    const char  *value,
                    gpointer     data,
                    GError     **error)
{
  set_password (value);
  return TRUE;
}

static const GOptionEntry *
find_option (const GOptionEntry * const *groups,
             const char                 *long_name,
             size_t                      long_name_length,
             char                        short_name)
{
  for (guint i = 0; groups[i] != NULL; i++)
    for (const GOptionEntry *entry = groups[i]; entry->long_name != NULL; entry++)
      if ((long_name != NULL && strlen (entry->long_name) == long_name_length &&
           strncmp (entry->long_name, long_name, long_name_length) == 0) ||
          (long_name == NULL && short_name != 0 && entry->short_name == short_name))
        return entry;
  return NULL;
}

/* Whether GOptionContext takes the next argument as the value of @entry. */
static gboolean
is_password_option (const GOptionEntry *entry)
{
  return entry != NULL && entry->arg == G_OPTION_ARG_CALLBACK &&
         entry->arg_data == (gpointer) on_password_option;
}

static gboolean
option_takes_next (const GOptionEntry *entry)
{
  return entry != NULL && entry->arg != G_OPTION_ARG_NONE &&
         (entry->flags & (G_OPTION_FLAG_NO_ARG | G_OPTION_FLAG_OPTIONAL_ARG)) == 0;
}

static void
remove_argument (int   *argc,
                 char **argv,
                 int    i)
{
  memmove (&argv[i], &argv[i + 1], (*argc - i) * sizeof (char *));
  (*argc)--;
}

/* Takes every password argument out of @argv before GOptionContext sees
 * it, copies its value and overwrites it in place, so that ps no longer
 * shows it.  As the mariadb client: -pSECRET is the value, -p alone asks
 * for it and the next word is an argument of its own (-p -n is -p, then
 * -n); --password=SECRET and --password SECRET are the value, --password
 * followed by an option or nothing asks for it.  The values of the other
 * options are stepped over (-u -pete is the user "-pete"), as
 * GOptionContext reads them. */
static void
take_password_arguments (int                        *argc,
                         char                      **argv,
                         const GOptionEntry * const *groups)
{
  int i = 1;

  while (i < *argc)
    {
      char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        break;

      if (g_str_has_prefix (arg, "--"))
        {
          char *name = arg + 2;
          char *equals = strchr (name, '=');
          size_t length = equals != NULL ? (size_t) (equals - name) : strlen (name);
          const GOptionEntry *entry = find_option (groups, name, length, 0);

          if (!is_password_option (entry))
            {
              i += (equals == NULL && option_takes_next (entry)) ? 2 : 1;
              continue;
            }
          if (equals != NULL)
            {
              set_password (equals + 1);
              scrub_argument (equals + 1);
            }
          else if (i + 1 < *argc && argv[i + 1][0] != '-')
            {
              set_password (argv[i + 1]);
              scrub_argument (argv[i + 1]);
              remove_argument (argc, argv, i + 1);
            }
          else
            set_password (NULL);
          remove_argument (argc, argv, i);
          continue;
        }

      if (arg[0] == '-' && arg[1] != '\0')
        {
          gboolean skip_next = FALSE;

          for (char *c = arg + 1; *c != '\0'; c++)
            {
              const GOptionEntry *entry = find_option (groups, NULL, 0, *c);

              if (is_password_option (entry))
                {
                  set_password (c[1] != '\0' ? c + 1 : NULL);
                  scrub_argument (c + 1);
                  if (c == arg + 1)
                    {
                      remove_argument (argc, argv, i);
                      i--;
                    }
                  else
                    {
                      /* -np...: -n stays for GOptionContext. */
                      memset (c, 0, strlen (c));
                    }
                  break;
                }
              if (option_takes_next (entry))
                {
                  skip_next = TRUE;
                  break;
                }
            }
          i += skip_next ? 2 : 1;
          continue;
        }
      i++;
    }
}

static struct termios *saved_termios;

static void
on_signal_at_prompt (int signum)
{
  if (saved_termios != NULL)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* The password typed on the terminal that stdin is, not echoed. */
static char *
ask_password (GError **error)
{
  struct termios old_termios;
  struct termios quiet;
  struct sigaction action = { 0, };
  struct sigaction old_actions[3];
  const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  GString *line = g_string_new (NULL);
  gboolean complete = FALSE;
  int saved_errno = 0;

  if (tcgetattr (STDIN_FILENO, &old_termios) != 0)
    {
      int errsv = errno;

      g_string_free (line, TRUE);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Cannot read the password from the terminal: %s", g_strerror (errsv));
      return NULL;
    }
  quiet = old_termios;
  quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
  quiet.c_lflag |= ICANON;

  /* A signal at the prompt gives the terminal its echo back. */
  saved_termios = &old_termios;
  action.sa_handler = on_signal_at_prompt;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, &old_actions[i]);

  /* Echo off before the prompt shows: nothing typed after it is echoed. */
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  fputs ("Enter password: ", stderr);
  fflush (stderr);
  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        saved_errno = errno;
      if (n <= 0)
        break;
      if (c == '\n' || c == '\r')
        {
          complete = TRUE;
          break;
        }
      g_string_append_c (line, c);
    }
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &old_termios);
  fputc ('\n', stderr);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &old_actions[i], NULL);
  saved_termios = NULL;

  if (!complete)
    {
      memset (line->str, 0, line->len);
      g_string_free (line, TRUE);
      if (saved_errno != 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     "Cannot read the password from the terminal: %s",
                     g_strerror (saved_errno));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "No password was entered (end of input at the prompt)");
      return NULL;
    }
  return g_string_free (line, FALSE);
}

/* The connection settings the option files give. */
typedef struct
{
  char     *host;
  guint     port;          /* 0: none */
  char     *socket_path;
  char     *user;
  char     *password;
  char     *ssl_ca;
  char     *ssl_capath;
  char     *ssl_cert;
  char     *ssl_key;
  char     *ssl_cipher;
  gboolean  has_tls_mode;  /* ssl-enforce, ssl-verify-server-cert, ssl-mode */
  MysqlBinlogTlsMode tls_mode;
  gboolean  tcp;           /* protocol=tcp: the socket is not used */
} OptionFiles;

static void
option_files_clear (OptionFiles *files)
{
  if (files->password != NULL)
    memset (files->password, 0, strlen (files->password));
  g_clear_pointer (&files->host, g_free);
  g_clear_pointer (&files->socket_path, g_free);
  g_clear_pointer (&files->user, g_free);
  g_clear_pointer (&files->password, g_free);
  g_clear_pointer (&files->ssl_ca, g_free);
  g_clear_pointer (&files->ssl_capath, g_free);
  g_clear_pointer (&files->ssl_cert, g_free);
  g_clear_pointer (&files->ssl_key, g_free);
  g_clear_pointer (&files->ssl_cipher, g_free);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
get_string_option (MYSQL             *mysql,
                   enum mysql_option  option)
{
  const char *value = NULL;

  if (mysql_get_option (mysql, option, &value) != 0)
    return NULL;
  return dup_nonempty (value);
}

/* Connector/C stops reading an option file, without an error, at an
 * option before the first [group] or at a [group line without its ']',
 * so that the rest of the file silently does not count: this finds those
 * lines first, in the files the client library reads (the same ones, in
 * the same way, following !include and !includedir's DIR/my.cnf), and
 * makes them an error. */
static gboolean
check_option_file (const char  *path,
                   guint        depth,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in_group = FALSE;

  if (depth >= 64 || !g_file_get_contents (path, &contents, NULL, NULL))
    return TRUE;            /* the library stops there as well, or skips it */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '"' || *line == '\'' || *line == '#' || *line == ';' || *line == '\0')
        continue;
      if (*line == '!')
        {
          g_autofree char *target = NULL;
          const char *space = strchr (line, ' ');

          if (space == NULL)
            continue;
          target = g_strstrip (g_strdup (space + 1));
          if (g_str_has_prefix (line, "!include "))
            {
              if (!check_option_file (target, depth + 1, error))
                return FALSE;
            }
          else if (g_str_has_prefix (line, "!includedir "))
            {
              g_autofree char *file = g_build_filename (target, "my.cnf", NULL);

              if (!check_option_file (file, depth + 1, error))
                return FALSE;
              g_debug ("%s:%u: !includedir %s: the client library reads only %s there",
                       path, i + 1, target, "my.cnf");
            }
          continue;
        }
      if (*line == '[')
        {
          if (strchr (line, ']') == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s:%u: a [group] without its ']': the client library would "
                           "read no further", path, i + 1);
              return FALSE;
            }
          in_group = TRUE;
          continue;
        }
      if (!in_group)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: an option before the first [group]: the client library "
                       "would read no further", path, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* The files Connector/C reads when given none (ma_default.c). */
static gboolean
check_standard_option_files (GError **error)
{
  const char *home = g_getenv ("MARIADB_HOME");
  g_autofree char *home_file = NULL;
  g_autofree char *user_file = NULL;

  if (home == NULL)
    home = g_getenv ("MYSQL_HOME");
  if (home != NULL)
    home_file = g_build_filename (home, "my.cnf", NULL);
  if (g_getenv ("HOME") != NULL)
    user_file = g_build_filename (g_getenv ("HOME"), ".my.cnf", NULL);
  return check_option_file ("/etc/my.cnf", 0, error) &&
         check_option_file ("/etc/mysql/my.cnf", 0, error) &&
         (home_file == NULL || check_option_file (home_file, 0, error)) &&
         (user_file == NULL || check_option_file (user_file, 0, error));
}

/* The option files read by the client library itself: only @defaults_file
 * (and what it includes) when given, else the standard ones it knows
 * (/etc/my.cnf, /etc/mysql/my.cnf, $MARIADB_HOME/my.cnf, ~/.my.cnf); their
 * [client] groups (Connector/C also [client-server] and [client-mariadb])
 * and [mysqlbinlog-glib].  The library reads them when it connects: the
 * handle is made to connect to the host ",", an empty list of hosts, which
 * fails before any connection is made, and keeps what the files set
 * (CLIENT_REMEMBER_OPTIONS). */
static gboolean
read_option_files (const char   *defaults_file,
                   OptionFiles  *files,
                   GError      **error)
{
  MYSQL *probe;
  const char *unsupported = NULL;

  if (defaults_file != NULL)
    {
      FILE *check = fopen (defaults_file, "r");

      if (check == NULL)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       "Cannot read --defaults-file %s: %s", defaults_file,
                       g_strerror (errsv));
          return FALSE;
        }
      fclose (check);
    }
#if HAVE_CONNECTOR_C
  if (defaults_file != NULL ? !check_option_file (defaults_file, 0, error)
                            : !check_standard_option_files (error))
    return FALSE;
#endif

  probe = mysql_init (NULL);
  if (probe == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "Cannot read the option files: out of memory");
      return FALSE;
    }
  if (defaults_file != NULL)
    mysql_options (probe, MYSQL_READ_DEFAULT_FILE, defaults_file);
  mysql_options (probe, MYSQL_READ_DEFAULT_GROUP, PROGRAM);
  if (mysql_real_connect (probe, ",", NULL, NULL, NULL, 0, NULL,
                          CLIENT_REMEMBER_OPTIONS) != NULL)
    {
      mysql_close (probe);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "Cannot read the option files: the client library "
                           "connected to the host “,”");
      return FALSE;
    }

  files->host = dup_nonempty (probe->options.host);
  files->port = probe->options.port;
  files->socket_path = dup_nonempty (probe->options.unix_socket);
  files->user = dup_nonempty (probe->options.user);
  files->password = probe->options.password != NULL ? g_strdup (probe->options.password) : NULL;
  files->tcp = probe->options.protocol == MYSQL_PROTOCOL_TCP;
  files->ssl_ca = get_string_option (probe, MYSQL_OPT_SSL_CA);
  files->ssl_capath = get_string_option (probe, MYSQL_OPT_SSL_CAPATH);
  files->ssl_cert = get_string_option (probe, MYSQL_OPT_SSL_CERT);
  files->ssl_key = get_string_option (probe, MYSQL_OPT_SSL_KEY);
  files->ssl_cipher = get_string_option (probe, MYSQL_OPT_SSL_CIPHER);
#if HAVE_CONNECTOR_C
  {
    my_bool enforce = FALSE;
    my_bool verify = FALSE;
    g_autofree char *fingerprint = get_string_option (probe, MARIADB_OPT_SSL_FP);
    g_autofree char *fingerprints = get_string_option (probe, MARIADB_OPT_SSL_FP_LIST);
    g_autofree char *crl = get_string_option (probe, MYSQL_OPT_SSL_CRL);
    g_autofree char *crl_path = get_string_option (probe, MYSQL_OPT_SSL_CRLPATH);
    g_autofree char *tls_version = get_string_option (probe, MARIADB_OPT_TLS_VERSION);
    g_autofree char *passphrase = get_string_option (probe, MARIADB_OPT_TLS_PASSPHRASE);

    mysql_get_option (probe, MYSQL_OPT_SSL_ENFORCE, &enforce);
    mysql_get_option (probe, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
    files->has_tls_mode = enforce || verify;
    files->tls_mode = verify ? MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY
                             : MYSQL_BINLOG_TLS_MODE_REQUIRED;
    unsupported = fingerprint != NULL ? "ssl-fp"
                : fingerprints != NULL ? "ssl-fp-list"
                : crl != NULL ? "ssl-crl"
                : crl_path != NULL ? "ssl-crlpath"
                : tls_version != NULL ? "tls-version"
                : passphrase != NULL ? "ssl-passphrase"
                : NULL;
  }
#else
  {
    unsigned int ssl_mode = SSL_MODE_PREFERRED;
    g_autofree char *crl = get_string_option (probe, MYSQL_OPT_SSL_CRL);
    g_autofree char *crl_path = get_string_option (probe, MYSQL_OPT_SSL_CRLPATH);
    g_autofree char *tls_version = get_string_option (probe, MYSQL_OPT_TLS_VERSION);

    mysql_get_option (probe, MYSQL_OPT_SSL_MODE, &ssl_mode);
    files->has_tls_mode = ssl_mode != SSL_MODE_PREFERRED;
    files->tls_mode = ssl_mode == SSL_MODE_DISABLED ? MYSQL_BINLOG_TLS_MODE_DISABLED
                    : ssl_mode == SSL_MODE_REQUIRED ? MYSQL_BINLOG_TLS_MODE_REQUIRED
                    : ssl_mode == SSL_MODE_VERIFY_CA ? MYSQL_BINLOG_TLS_MODE_VERIFY_CA
                    : ssl_mode == SSL_MODE_VERIFY_IDENTITY ? MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY
                    : MYSQL_BINLOG_TLS_MODE_PREFERRED;
    unsupported = crl != NULL ? "ssl-crl"
                : crl_path != NULL ? "ssl-crlpath"
                : tls_version != NULL ? "tls-version"
                : NULL;
  }
#endif
  if (probe->options.password != NULL)
    memset (probe->options.password, 0, strlen (probe->options.password));
  mysql_close (probe);

  /* A check the files ask for and the stream cannot make is an error,
   * not a weaker connection. */
  if (unsupported != NULL)
    {
      option_files_clear (files);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The option files set %s, which " PROGRAM " does not support "
                   "(use --no-defaults or a --defaults-file without it)", unsupported);
      return FALSE;
    }

  g_debug ("Option files (%s): host %s, port %u, socket %s, user %s, %s password",
           defaults_file != NULL ? defaults_file : "the standard ones",
           files->host != NULL ? files->host : "unset", files->port,
           files->socket_path != NULL ? files->socket_path : "unset",
           files->user != NULL ? files->user : "unset",
           files->password != NULL ? "a" : "no");
  return TRUE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OptionFiles, option_files_clear)

/* }}} */

/* {{{ Options */

static const char description[] =
  "Follows the binary log of a MySQL or MariaDB server as a replica and\n"
  "prints or publishes every change.\n"
  "\n"
  "Output formats:\n"
  "  text   every event as a few readable lines, then the changed rows:\n"
  "           === WRITE_ROWS_V1 (23) ===\n"
  "           Position: mariadb-bin.000001:1234\n"
  "           Table: shop.orders\n"
  "           Inserted shop.orders:\n"
  "             id: 1\n"
  "             customer: \"alice\"\n"
  "  json   one JSON object per changed row and line (the only format --amqp\n"
  "         publishes):\n"
  "           {\"type\":\"row_insert\",\"timestamp\":1700000000,\"schema\":\"shop\",\n"
  "            \"table_name\":\"orders\",\"binlog_timestamp\":1699999999,\n"
  "            \"log_file\":\"mariadb-bin.000001\",\"log_pos\":1234,\n"
  "            \"keys\":{\"id\":1},\"values\":{\"id\":1,\"customer\":\"alice\"}}\n"
  "         \"type\" is row_insert (with \"values\"), row_update (with\n"
  "         \"before_values\" and \"after_values\" holding only the changed\n"
  "         columns), row_delete (with \"values\") or heartbeat (--heartbeat).\n"
  "         \"keys\" holds the primary key columns, from the binary log when\n"
  "         it has them (binlog_row_metadata=FULL), else from the server's\n"
  "         information_schema; \"timestamp\" is when the message was made,\n"
  "         \"binlog_timestamp\" when the server wrote the change.\n"
  "\n"
  "RabbitMQ (--amqp URL --exchange NAME):\n"
  "  Each message is published persistent to the topic exchange NAME\n"
  "  (declared durable if missing) with the routing key\n"
  "  SCHEMA.TABLE.TYPE, e.g. shop.orders.row_update, and publisher confirms.\n"
  "  Bind a durable queue to the exchange before starting (or name one with\n"
  "  --queue): messages that match no queue are dropped by the broker.\n"
  "  When the broker goes away,\n"
  "  the tool waits (reading no more changes) and reconnects with a growing\n"
  "  delay, then publishes again what the broker had not confirmed: a message\n"
  "  may arrive twice, never not at all.\n"
  "\n"
  "Positions:\n"
  "  Without --start, --start-gtid or --from-beginning the tool starts at the\n"
  "  server's current end and shows only new changes.  A position is safe\n"
  "  once every message before it was written out (or confirmed by the\n"
  "  broker); on exit the last safe position is printed on stderr as\n"
  "  \"safe position: FILE:POS\" (followed by \" gtid:GTIDS\" when the server\n"
  "  has GTIDs), to pass to --start, quoted.\n"
  "  With --position-file PATH the tool starts where the file says (the start\n"
  "  options only count while it does not exist; an empty one is an error)\n"
  "  and writes the last safe position there, at most 5 times a second and\n"
  "  at exit: after a crash or a kill -9 it resumes from there and may send\n"
  "  some messages again, never skipping one.\n"
  "  --file BINLOG reads one binary log file to its end, without a server;\n"
  "  column names and \"keys\" need binlog_row_metadata=FULL (else the\n"
  "  columns are @1, @2, ... and the \"keys\" come from the server named by\n"
  "  --host or --socket, if any).\n"
  "\n"
  "Stopping:\n"
  "  SIGINT (Ctrl-C) or SIGTERM stops after the current event, empties the\n"
  "  --dedup-window buffer, waits up to 30 s for the broker's confirmations\n"
  "  and exits with status 0.  A second signal exits at once (status 130).\n"
  "  Status 1: a server, broker or output failure; status 2: bad options.\n"
  "\n"
  "Server requirements:\n"
  "  log_bin on and binlog_format=ROW.  The account needs REPLICATION SLAVE\n"
  "  and REPLICATION CLIENT, and SELECT on the tables (primary keys and\n"
  "  column names, unless binlog_row_metadata=FULL).\n"
  "\n"
  "Connection options and option files:\n"
  "  The password is best kept out of the command line, which other users\n"
  "  can see: -p alone asks for it on the terminal (not echoed), and\n"
  "  --password=PASSWORD, --password PASSWORD and -pPASSWORD are overwritten in\n"
  "  the command line that ps shows right after the tool starts (ps may see\n"
  "  them before).  -p takes only an\n"
  "  attached value: -p -n is -p then -n, -p WORD is -p then the argument WORD.\n"
  "  Before the command line, the tool reads the option files the client\n"
  "  library reads (/etc/my.cnf, /etc/mysql/my.cnf, ~/.my.cnf; with\n"
  "  --defaults-file FILE that file only, with --no-defaults none), in the\n"
  "  groups [client] and [" PROGRAM "]: host, port, socket, user, password,\n"
  "  ssl-ca, ssl-capath, ssl-cert, ssl-key, ssl-cipher and\n"
  "  ssl-verify-server-cert.  The command line wins over the files, the files\n"
  "  over $MYSQL_PWD; a socket from the files is not used when the command\n"
  "  line names --host or --port.\n"
  "\n"
  "Environment:\n"
  "  MYSQL_PWD   the password when neither the command line nor an option\n"
  "              file gives one\n"
  "\n"
  "Examples:\n"
  "  mysqlbinlog-glib -u replica --only-tables 'shop.*'\n"
  "  mysqlbinlog-glib -u replica --format json | jq .\n"
  "  mysqlbinlog-glib -u replica --amqp amqp://guest:guest@localhost/ \\\n"
  "      --exchange changes --dedup-window 500 --progress 60\n";

static gboolean
add_patterns (GPtrArray  **patterns,
              char       **values,
              const char  *option,
              GStrvBuilder *names,
              GError     **error)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          const char *part = g_strstrip (parts[j]);

          if (*part == '\0')
            continue;
          if (patterns != NULL && strchr (part, '.') == NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "%s: “%s” is not SCHEMA.TABLE (globs allowed: shop.*)", option, part);
              return FALSE;
            }
          if (patterns != NULL)
            {
              if (*patterns == NULL)
                *patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
              g_ptr_array_add (*patterns, g_pattern_spec_new (part));
            }
          g_strv_builder_add (names, part);
        }
    }
  return TRUE;
}

/* The oldest binary log the server still has, at its start. */
static MysqlBinlogPosition *
first_position (App     *app,
                GError **error)
{
  g_auto(GStrv) logs = query_column (app, "SHOW BINARY LOGS", error);

  if (logs == NULL)
    return NULL;
  if (logs[0] == NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_BINLOG_DISABLED,
                           "The server lists no binary log");
      return NULL;
    }
  return mysql_binlog_position_new (logs[0], 4);
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
  g_autofree char *defaults_file = NULL;
  g_autofree char *ssl_mode = NULL;
  g_autofree char *ssl_ca = NULL;
  g_autofree char *ssl_capath = NULL;
  g_autofree char *ssl_cert = NULL;
  g_autofree char *ssl_key = NULL;
  g_autofree char *ssl_cipher = NULL;
  g_autofree char *start = NULL;
  g_autofree char *start_gtid = NULL;
  g_autofree char *file = NULL;
  g_autofree char *position_file = NULL;
  g_autofree char *format = NULL;
  g_autofree char *amqp_url = NULL;
  g_autofree char *exchange = NULL;
  g_autofree char *queue = NULL;
  g_auto(GStrv) only_schemas = NULL;
  g_auto(GStrv) ignored_schemas = NULL;
  g_auto(GStrv) only_tables = NULL;
  g_auto(GStrv) ignored_tables = NULL;
  int port = G_MININT;            /* G_MININT: not given */
  int server_id = 0;
  int dedup_window = 0;
  int heartbeat = 0;
  int progress = 0;
  int connect_timeout = 10;
  gboolean from_beginning = FALSE;
  gboolean non_blocking = FALSE;
  gboolean no_defaults = FALSE;
  gboolean version = FALSE;
  GOptionEntry connection_entries[] = {
    { "host", 'h', 0, G_OPTION_ARG_STRING, &host, "Server host (default: localhost)", "HOST" },
    { "port", 'P', 0, G_OPTION_ARG_INT, &port, "Server TCP port (default: 3306)", "PORT" },
    { "socket", 'S', 0, G_OPTION_ARG_FILENAME, &socket_path,
      "Unix socket (wins over --host and --port)", "PATH" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, "User name (default: root)", "USER" },
    { "password", 'p', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, on_password_option,
      "Password, as -pPASSWORD or --password=PASSWORD; -p alone asks for it on the "
      "terminal (default: the option files, $MYSQL_PWD, none)", "PASSWORD" },
    { "defaults-file", 0, 0, G_OPTION_ARG_FILENAME, &defaults_file,
      "Read the connection options from this option file only (its [client] and "
      "[" PROGRAM "] groups)", "FILE" },
    { "no-defaults", 0, 0, G_OPTION_ARG_NONE, &no_defaults,
      "Read no option file", NULL },
    { "server-id", 0, 0, G_OPTION_ARG_INT, &server_id,
      "Replica id, non-zero and unique among the server's replicas "
      "(default: derived from the process id)", "ID" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry tls_entries[] = {
    { "ssl-mode", 0, 0, G_OPTION_ARG_STRING, &ssl_mode,
      "DISABLED, PREFERRED (default: TLS when the server has it), REQUIRED, "
      "VERIFY_CA (also check the server's certificate against --ssl-ca) or "
      "VERIFY_IDENTITY (also check that it names --host)", "MODE" },
    { "ssl-ca", 0, 0, G_OPTION_ARG_FILENAME, &ssl_ca,
      "PEM file of the certificate authorities to trust", "FILE" },
    { "ssl-capath", 0, 0, G_OPTION_ARG_FILENAME, &ssl_capath,
      "Directory of PEM certificate authorities (hashed names, as openssl rehash makes)",
      "DIR" },
    { "ssl-cert", 0, 0, G_OPTION_ARG_FILENAME, &ssl_cert,
      "PEM client certificate, for accounts created with REQUIRE X509", "FILE" },
    { "ssl-key", 0, 0, G_OPTION_ARG_FILENAME, &ssl_key,
      "PEM private key of --ssl-cert", "FILE" },
    { "ssl-cipher", 0, 0, G_OPTION_ARG_STRING, &ssl_cipher,
      "Ciphers to accept, as an OpenSSL cipher list", "LIST" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry start_entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start,
      "Start at this position (default: the server's current end)", "FILE:POS" },
    { "start-gtid", 0, 0, G_OPTION_ARG_STRING, &start_gtid,
      "Start after this GTID set (MariaDB: 0-1-42)", "GTIDS" },
    { "from-beginning", 0, 0, G_OPTION_ARG_NONE, &from_beginning,
      "Start at the oldest binary log the server has", NULL },
    { "non-blocking", 'n', 0, G_OPTION_ARG_NONE, &non_blocking,
      "Stop at the current end of the binary log instead of waiting", NULL },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      "Read this binary log file instead of a server (from --start FILE:POS if given)", "BINLOG" },
    { "position-file", 0, 0, G_OPTION_ARG_FILENAME, &position_file,
      "Replication mode: start from and save the safe position in this file", "PATH" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry filter_entries[] = {
    { "only-schemas", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only_schemas,
      "Only these schemas (repeatable or comma-separated, * globs)", "SCHEMA" },
    { "ignore-schemas", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ignored_schemas,
      "Not these schemas", "SCHEMA" },
    { "only-tables", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only_tables,
      "Only these tables (repeatable or comma-separated, * globs: shop.*, *.audit)",
      "SCHEMA.TABLE" },
    { "ignore-tables", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ignored_tables,
      "Not these tables", "SCHEMA.TABLE" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry output_entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Output format: text (default) or json", "FORMAT" },
    { "amqp", 0, 0, G_OPTION_ARG_STRING, &amqp_url,
      "Publish the JSON messages to this RabbitMQ broker instead of stdout",
      "amqp://USER:PASSWORD@HOST:PORT/VHOST" },
    { "exchange", 0, 0, G_OPTION_ARG_STRING, &exchange,
      "The topic exchange to publish to (with --amqp)", "NAME" },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue,
      "Also declare this durable queue and bind it to the exchange for every "
      "routing key (with --amqp)", "NAME" },
    { "dedup-window", 0, 0, G_OPTION_ARG_INT, &dedup_window,
      "Hold JSON messages this long and merge the updates of one row within it "
      "into one message (default: 0, off)", "MS" },
    { "heartbeat", 0, 0, G_OPTION_ARG_INT, &heartbeat,
      "Send a heartbeat message every SECONDS (JSON only; default: 0, off)", "SECONDS" },
    { "progress", 0, 0, G_OPTION_ARG_INT, &progress,
      "Print the position, events/s and lag on stderr every SECONDS (default: 0, off)",
      "SECONDS" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_INT, &connect_timeout,
      "Give up connecting to a server that does not answer within SECONDS "
      "(default: 10; 0: wait for ever)", "SECONDS" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogPosition) start_position = NULL;
  g_autoptr(GStrvBuilder) table_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ignored_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) schema_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ignored_schema_names = g_strv_builder_new ();
  g_auto(GStrv) tables_strv = NULL;
  g_auto(GStrv) ignored_strv = NULL;
  g_auto(GStrv) schemas_strv = NULL;
  g_auto(GStrv) ignored_schemas_strv = NULL;
  const GOptionEntry *all_entries[] = {
    connection_entries, tls_entries, start_entries, filter_entries, output_entries, NULL
  };
  g_auto(OptionFiles) option_files = { NULL, };
  GOptionGroup *group;
  App app = { 0, };
  Helper signals = { NULL, };
  Helper ticker = { NULL, };
  GSource *source;
  GThread *signal_thread;
  GThread *tick_thread;
  gboolean ok;
  int status = 0;
  int n_starts;

  setlocale (LC_ALL, "");
  signal (SIGPIPE, SIG_IGN);
  /* stdout is for the events and the JSON messages: GLib's debug and info
   * messages (G_MESSAGES_DEBUG) go with the others to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);
  /* First of all, before anything can fail: ps shows no password. */
  take_password_arguments (&argc, argv, all_entries);

  options = g_option_context_new ("- follow a MySQL or MariaDB binary log");
  g_option_context_set_summary (options,
    "Prints every binary log event, or one JSON message per changed row, or\n"
    "publishes those messages to RabbitMQ.");
  g_option_context_set_description (options, description);
  g_option_context_add_main_entries (options, connection_entries, NULL);
  group = g_option_group_new ("tls", "TLS (as the MySQL clients' options):",
                              "Show the TLS options", NULL, NULL);
  g_option_group_add_entries (group, tls_entries);
  g_option_context_add_group (options, group);
  group = g_option_group_new ("start", "Where to start:", "Show the start options",
                              NULL, NULL);
  g_option_group_add_entries (group, start_entries);
  g_option_context_add_group (options, group);
  group = g_option_group_new ("filter", "Filters:", "Show the filter options", NULL, NULL);
  g_option_group_add_entries (group, filter_entries);
  g_option_context_add_group (options, group);
  group = g_option_group_new ("output", "Output:", "Show the output options", NULL, NULL);
  g_option_group_add_entries (group, output_entries);
  g_option_context_add_group (options, group);

  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print (PROGRAM " %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (argc > 1)
    {
      g_printerr (PROGRAM ": unexpected argument “%s” (see --help-all)\n", argv[1]);
      return 2;
    }
  if (port != G_MININT && (port <= 0 || port > 65535))
    {
      g_printerr (PROGRAM ": --port must be between 1 and 65535\n");
      return 2;
    }
  app.tls_mode = MYSQL_BINLOG_TLS_MODE_PREFERRED;
  if (ssl_mode != NULL && !parse_tls_mode (ssl_mode, &app.tls_mode))
    {
      g_printerr (PROGRAM ": unknown --ssl-mode “%s” (DISABLED, PREFERRED, REQUIRED, "
                  "VERIFY_CA or VERIFY_IDENTITY)\n", ssl_mode);
      return 2;
    }
  if (no_defaults && defaults_file != NULL)
    {
      g_printerr (PROGRAM ": choose one of --no-defaults and --defaults-file\n");
      return 2;
    }
  if (server_id < 0)
    {
      g_printerr (PROGRAM ": --server-id must be positive\n");
      return 2;
    }
  if (dedup_window < 0 || heartbeat < 0 || progress < 0 || connect_timeout < 0)
    {
      g_printerr (PROGRAM ": --dedup-window, --heartbeat, --progress and --connect-timeout "
                  "cannot be negative\n");
      return 2;
    }
  if (format == NULL || g_str_equal (format, "text"))
    app.format = amqp_url != NULL ? FORMAT_JSON : FORMAT_TEXT;
  else if (g_str_equal (format, "json"))
    app.format = FORMAT_JSON;
  else
    {
      g_printerr (PROGRAM ": unknown --format “%s” (text or json)\n", format);
      return 2;
    }
  if (amqp_url != NULL && format != NULL && app.format != FORMAT_JSON)
    {
      g_printerr (PROGRAM ": --amqp publishes JSON messages; --format text is for stdout\n");
      return 2;
    }
  if ((amqp_url == NULL) != (exchange == NULL))
    {
      g_printerr (PROGRAM ": --amqp and --exchange go together\n");
      return 2;
    }
  if (queue != NULL && amqp_url == NULL)
    {
      g_printerr (PROGRAM ": --queue goes with --amqp\n");
      return 2;
    }
  if (heartbeat > 0 && app.format != FORMAT_JSON)
    {
      g_printerr (PROGRAM ": --heartbeat sends JSON messages: use --format json or --amqp\n");
      return 2;
    }
  if (dedup_window > 0 && app.format != FORMAT_JSON)
    {
      g_printerr (PROGRAM ": --dedup-window merges JSON messages: use --format json or --amqp\n");
      return 2;
    }
  n_starts = (start != NULL) + (start_gtid != NULL) + (from_beginning != FALSE);
  if (n_starts > 1)
    {
      g_printerr (PROGRAM ": choose one of --start, --start-gtid and --from-beginning\n");
      return 2;
    }
  if (file != NULL && (start_gtid != NULL || from_beginning || position_file != NULL ||
                       non_blocking))
    {
      g_printerr (PROGRAM ": --file reads one file to its end, from its start or from "
                  "--start FILE:POS: it goes without --start-gtid, --from-beginning, "
                  "--position-file and --non-blocking\n");
      return 2;
    }
  if (!add_patterns (&app.table_patterns, only_tables, "--only-tables", table_names, &error) ||
      !add_patterns (&app.ignored_patterns, ignored_tables, "--ignore-tables", ignored_names,
                     &error) ||
      !add_patterns (NULL, only_schemas, "--only-schemas", schema_names, &error) ||
      !add_patterns (NULL, ignored_schemas, "--ignore-schemas", ignored_schema_names, &error))
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      return 2;
    }
  /* Schema filters, for the text dump, as SCHEMA.* patterns. */
  if (only_schemas != NULL && app.table_patterns == NULL)
    app.table_patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  if (app.ignored_patterns == NULL)
    app.ignored_patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  schemas_strv = g_strv_builder_end (schema_names);
  ignored_schemas_strv = g_strv_builder_end (ignored_schema_names);
  for (guint i = 0; schemas_strv[i] != NULL; i++)
    {
      g_autofree char *pattern = g_strconcat (schemas_strv[i], ".*", NULL);
      g_ptr_array_add (app.table_patterns, g_pattern_spec_new (pattern));
    }
  for (guint i = 0; ignored_schemas_strv[i] != NULL; i++)
    {
      g_autofree char *pattern = g_strconcat (ignored_schemas_strv[i], ".*", NULL);
      g_ptr_array_add (app.ignored_patterns, g_pattern_spec_new (pattern));
    }
  tables_strv = g_strv_builder_end (table_names);
  ignored_strv = g_strv_builder_end (ignored_names);

  /* The connection: the command line wins over the option files, which
   * win over $MYSQL_PWD and the defaults, as with the mariadb client. */
  if (file == NULL && !no_defaults && !read_option_files (defaults_file, &option_files, &error))
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      return 2;
    }
  /* A socket from the files is for local connections only: not when the
   * command line names a host or a port, nor for another host. */
  if (socket_path == NULL && host == NULL && port == G_MININT && !option_files.tcp &&
      (option_files.host == NULL || g_str_equal (option_files.host, "localhost")))
    socket_path = g_steal_pointer (&option_files.socket_path);
  if (host == NULL)
    host = g_steal_pointer (&option_files.host);
  if (port == G_MININT)
    port = option_files.port != 0 ? (int) option_files.port : 3306;
  if (user == NULL)
    user = g_steal_pointer (&option_files.user);
  if (password_option.value != NULL)
    password = g_steal_pointer (&password_option.value);
  else if (!password_option.prompt && option_files.password != NULL)
    password = g_steal_pointer (&option_files.password);
  else if (!password_option.prompt && g_getenv ("MYSQL_PWD") != NULL)
    password = g_strdup (g_getenv ("MYSQL_PWD"));
  if (ssl_ca == NULL)
    ssl_ca = g_steal_pointer (&option_files.ssl_ca);
  if (ssl_capath == NULL)
    ssl_capath = g_steal_pointer (&option_files.ssl_capath);
  if (ssl_cert == NULL && ssl_key == NULL)
    {
      ssl_cert = g_steal_pointer (&option_files.ssl_cert);
      ssl_key = g_steal_pointer (&option_files.ssl_key);
    }
  if (ssl_cipher == NULL)
    ssl_cipher = g_steal_pointer (&option_files.ssl_cipher);
  if (ssl_mode == NULL && option_files.has_tls_mode)
    app.tls_mode = option_files.tls_mode;
  if (app.tls_mode >= MYSQL_BINLOG_TLS_MODE_VERIFY_CA && ssl_ca == NULL && ssl_capath == NULL)
    {
      if (ssl_mode != NULL)
        g_printerr (PROGRAM ": --ssl-mode=%s checks the server's certificate: it needs "
                    "--ssl-ca or --ssl-capath\n", ssl_mode);
      else
        g_printerr (PROGRAM ": the option files ask to check the server's certificate "
                    "(ssl-verify-server-cert or ssl-mode): that needs ssl-ca or ssl-capath, "
                    "there or as --ssl-ca or --ssl-capath\n");
      return 2;
    }
  if ((ssl_cert == NULL) != (ssl_key == NULL))
    {
      g_printerr (PROGRAM ": --ssl-cert and --ssl-key go together\n");
      return 2;
    }
  if (password_option.prompt && password == NULL && file == NULL)
    {
      if (!isatty (STDIN_FILENO))
        {
          g_printerr (PROGRAM ": -p without a value asks for the password on the terminal, "
                      "and stdin is not one: give it as --password=PASSWORD, in an option "
                      "file (password=) or in $MYSQL_PWD\n");
          return 2;
        }
      password = ask_password (&error);
      if (password == NULL)
        {
          g_printerr (PROGRAM ": %s\n", error->message);
          return 2;
        }
    }

  if (server_id == 0)
    server_id = 100000 + (int) (getpid () % 100000);

  g_mutex_init (&app.lock);
  app.host = g_strdup (host != NULL ? host : "localhost");
  app.port = port;
  app.socket_path = g_strdup (socket_path);
  app.user = g_strdup (user != NULL ? user : "root");
  app.password = g_strdup (password);
  app.ssl_ca = g_strdup (ssl_ca);
  app.ssl_capath = g_strdup (ssl_capath);
  app.ssl_cert = g_strdup (ssl_cert);
  app.ssl_key = g_strdup (ssl_key);
  app.ssl_cipher = g_strdup (ssl_cipher);
  app.dedup_window_us = (gint64) dedup_window * 1000;
  app.heartbeat_us = (gint64) heartbeat * G_USEC_PER_SEC;
  app.connect_timeout = (guint) connect_timeout;
  app.progress_us = (gint64) progress * G_USEC_PER_SEC;
  app.buffered_updates = g_hash_table_new (g_str_hash, g_str_equal);
  app.first_event = TRUE;
  g_queue_init (&app.buffer);
  g_queue_init (&app.save_points);

  if (position_file != NULL)
    {
      g_autoptr(GFile) store_file = g_file_new_for_commandline_arg (position_file);

      app.store = MYSQL_BINLOG_POSITION_STORE (mysql_binlog_file_position_store_new (store_file));
      /* A saved position wins over the start options: they only say
       * where the very first run begins. */
      start_position = mysql_binlog_position_store_load (app.store, NULL, &error);
      if (start_position == NULL && error != NULL)
        {
          g_printerr (PROGRAM ": --position-file: %s\n", error->message);
          status = 1;
          goto out;
        }
      if (start_position != NULL)
        {
          g_autofree char *text = mysql_binlog_position_to_string (start_position);
          g_printerr (PROGRAM ": resuming at %s from %s\n", text, position_file);
        }
    }

  if (start_position == NULL && start != NULL)
    {
      start_position = mysql_binlog_position_from_string (start, &error);
      if (start_position == NULL)
        {
          g_printerr (PROGRAM ": --start: %s\n", error->message);
          status = 2;
          goto out;
        }
    }
  else if (start_position == NULL && start_gtid != NULL)
    start_position = mysql_binlog_position_new_for_gtid_set (start_gtid);
  else if (start_position == NULL && from_beginning)
    {
      start_position = first_position (&app, &error);
      if (start_position == NULL)
        {
          g_printerr (PROGRAM ": --from-beginning: %s\n", error->message);
          status = 1;
          goto out;
        }
    }

  if (file != NULL)
    {
      g_autoptr(GFile) binlog = g_file_new_for_commandline_arg (file);

      app.stream = mysql_binlog_stream_new_for_file (binlog);
      g_object_set (app.stream,
                    "only-tables", tables_strv,
                    "ignored-tables", ignored_strv,
                    "only-schemas", schemas_strv,
                    "ignored-schemas", ignored_schemas_strv,
                    "start-position", start_position,
                    NULL);
    }
  if (app.stream == NULL)
    app.stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                               "host", app.host,
                               "port", app.port,
                               "socket", app.socket_path,
                               "user", app.user,
                               "password", app.password,
                               "tls-mode", app.tls_mode,
                               "connect-timeout", app.connect_timeout,
                               "tls-ca-file", app.ssl_ca,
                               "tls-ca-directory", app.ssl_capath,
                               "tls-cert-file", app.ssl_cert,
                               "tls-key-file", app.ssl_key,
                               "tls-cipher", app.ssl_cipher,
                               "server-id", (guint) server_id,
                               "start-position", start_position,
                               "blocking", !non_blocking,
                               "only-tables", tables_strv,
                               "ignored-tables", ignored_strv,
                               "only-schemas", schemas_strv,
                               "ignored-schemas", ignored_schemas_strv,
                               NULL);
  g_signal_connect (app.stream, "binlog", G_CALLBACK (on_binlog), &app);
  g_signal_connect (app.stream, "rows-inserted", G_CALLBACK (on_rows_inserted), &app);
  g_signal_connect (app.stream, "rows-updated", G_CALLBACK (on_rows_updated), &app);
  g_signal_connect (app.stream, "rows-deleted", G_CALLBACK (on_rows_deleted), &app);
  g_signal_connect (app.stream, "binlog-position", G_CALLBACK (on_binlog_position), &app);

  if (amqp_url != NULL)
    {
      app.amqp = mbg_amqp_new (amqp_url, exchange, queue, &stopping, &error);
      if (app.amqp == NULL)
        {
          g_printerr (PROGRAM ": --amqp: %s\n", error->message);
          status = 2;
          goto out;
        }
      if (!mbg_amqp_connect (app.amqp, &error))
        {
          g_printerr (PROGRAM ": %s\n", error->message);
          status = 1;
          goto out;
        }
    }

  app.last_progress_us = app.last_heartbeat_us = g_get_monotonic_time ();
  signals.app = ticker.app = &app;
  signals.context = g_main_context_new ();
  ticker.context = g_main_context_new ();
  source = g_unix_signal_source_new (SIGINT);
  g_source_set_callback (source, on_unix_signal, &signals, NULL);
  g_source_attach (source, signals.context);
  g_source_unref (source);
  source = g_unix_signal_source_new (SIGTERM);
  g_source_set_callback (source, on_unix_signal, &signals, NULL);
  g_source_attach (source, signals.context);
  g_source_unref (source);
  source = g_timeout_source_new (TICK_MS);
  g_source_set_callback (source, on_tick, &ticker, NULL);
  g_source_attach (source, ticker.context);
  g_source_unref (source);
  signal_thread = g_thread_new ("mysqlbinlog-glib-signals", helper_thread, &signals);
  tick_thread = g_thread_new ("mysqlbinlog-glib-tick", helper_thread, &ticker);

  ok = mysql_binlog_stream_run (app.stream, NULL, &error);

  /* Out with everything still held, then the last safe position. */
  g_mutex_lock (&app.lock);
  flush_buffer (&app, TRUE);
  if (app.amqp != NULL && app.output_error == NULL)
    {
      GError *flush_error = NULL;

      if (!mbg_amqp_flush (app.amqp, 30000, &flush_error))
        fail_output (&app, flush_error);
    }
  save_positions (&app);
  store_position (&app, TRUE);
  g_mutex_unlock (&app.lock);

  stop_helper (&ticker, tick_thread);
  stop_helper (&signals, signal_thread);

  if (app.progress_us > 0)
    print_progress (&app, g_get_monotonic_time ());
  if (app.saved_position != NULL)
    {
      g_autofree char *text = mysql_binlog_position_to_string (app.saved_position);
      g_printerr (PROGRAM ": safe position: %s\n", text);
    }
  if (!ok)
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      status = 1;
    }
  else if (app.output_error != NULL)
    {
      g_printerr (PROGRAM ": %s\n", app.output_error->message);
      status = 1;
    }
  else if (g_atomic_int_get (&stopping))
    g_printerr (PROGRAM ": stopped\n");

out:
  g_clear_object (&app.stream);
  g_clear_pointer (&app.amqp, mbg_amqp_free);
  g_clear_pointer (&app.sql, mysql_close);
  g_clear_object (&app.store);
  g_clear_pointer (&app.buffered_updates, g_hash_table_unref);
  g_queue_clear_full (&app.buffer, (GDestroyNotify) message_free);
  g_queue_clear_full (&app.save_points, (GDestroyNotify) save_point_free);
  g_clear_pointer (&app.saved_position, mysql_binlog_position_unref);
  g_clear_pointer (&app.table_patterns, g_ptr_array_unref);
  g_clear_pointer (&app.ignored_patterns, g_ptr_array_unref);
  g_clear_error (&app.output_error);
  g_free (app.host);
  g_free (app.socket_path);
  g_free (app.ssl_ca);
  g_free (app.ssl_capath);
  g_free (app.ssl_cert);
  g_free (app.ssl_key);
  g_free (app.ssl_cipher);
  g_free (app.user);
  g_free (app.password);
  g_free (app.event_file);
  g_mutex_clear (&app.lock);
  return status;
}
