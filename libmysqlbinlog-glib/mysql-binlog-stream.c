/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-stream.h"
#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-enum-types.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-event-private.h"
#include "mysql-binlog-file-source-private.h"
#include "mysql-binlog-marshal.h"
#include "mysql-binlog-metadata-private.h"
#include "mysql-binlog-payload-private.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-transport-private.h"

/**
 * MysqlBinlogStream:
 *
 * Reads the binary log of a MySQL or MariaDB server as a replica and emits
 * one signal per event and one per changed row, in binlog order.
 *
 * Configure the stream with properties (where to connect, a
 * [property@MysqlBinlog.Stream:server-id] no other replica of the server
 * uses, where to start, which tables to follow), connect handlers, then
 * call [method@MysqlBinlog.Stream.run].  Row handlers receive
 * [struct@MysqlBinlog.Row]s; connect to a detailed signal such as
 * `rows-inserted::shop.orders` to receive one table's rows only, and rows
 * of tables nobody listens to are not even decoded.
 *
 * ```c
 * static void
 * on_inserted (MysqlBinlogStream *stream, MysqlBinlogRow *row, gpointer user_data)
 * {
 *   g_autofree char *name = mysql_binlog_row_dup_string (row, 1);
 *   g_print ("new order %" G_GINT64_FORMAT " for %s\n",
 *            mysql_binlog_row_get_int64 (row, 0), name);
 * }
 *
 * g_autoptr(MysqlBinlogStream) stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
 *                                                     "host", "127.0.0.1",
 *                                                     "user", "replica",
 *                                                     "password", "secret",
 *                                                     "server-id", 1001,
 *                                                     NULL);
 * g_signal_connect (stream, "rows-inserted::shop.orders", G_CALLBACK (on_inserted), NULL);
 * if (!mysql_binlog_stream_run (stream, NULL, &error))
 *   g_printerr ("%s\n", error->message);
 * ```
 *
 * The server must write a row-based binary log (`log_bin` on,
 * `binlog_format=ROW`), and the account needs the `REPLICATION SLAVE` and
 * `REPLICATION CLIENT` privileges.  Column names come from the table map
 * when the server writes `binlog_row_metadata=FULL`; otherwise the stream
 * reads them from `information_schema` through a second connection, which
 * needs `SELECT` on the tables followed.
 *
 * ## Threading
 *
 * [method@MysqlBinlog.Stream.run] blocks and emits every signal on the
 * thread that called it, in binlog order.
 * [method@MysqlBinlog.Stream.stop] may be called from a signal handler or
 * from any other thread.
 *
 * Since: 1.0
 */

struct _MysqlBinlogStream
{
  GObject parent_instance;

  char *host;
  guint port;
  char *user;
  char *password;
  char *socket;
  guint server_id;
  MysqlBinlogPosition *start_position;
  gboolean blocking;
  char **only_schemas;
  char **ignored_schemas;
  char **only_tables;
  char **ignored_tables;
  GFile *source_file;           /* reads this file instead of a server */

  /* Shared with stop() and get_position() on other threads. */
  GMutex lock;
  MysqlBinlogTransport *transport;
  MysqlBinlogPosition *position;
  gint running;
  gint stop_requested;

  /* The running stream's own state. */
  MysqlBinlogDecoder *decoder;
  MysqlBinlogMetadata *metadata;
  GPtrArray *only_schema_patterns;
  GPtrArray *ignored_schema_patterns;
  GPtrArray *only_table_patterns;
  GPtrArray *ignored_table_patterns;
  char *file;
  guint64 offset;
  gboolean in_transaction;
  gboolean reading_file;
  guint64 event_offset;         /* files: where the current event starts */
  guint nesting;                /* > 0 inside a transaction payload */
};

G_DEFINE_FINAL_TYPE (MysqlBinlogStream, mysql_binlog_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_USER,
  PROP_PASSWORD,
  PROP_SOCKET,
  PROP_SERVER_ID,
  PROP_START_POSITION,
  PROP_BLOCKING,
  PROP_ONLY_SCHEMAS,
  PROP_IGNORED_SCHEMAS,
  PROP_ONLY_TABLES,
  PROP_IGNORED_TABLES,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_BINLOG,
  SIGNAL_BINLOG_POSITION,
  SIGNAL_ROWS_INSERTED,
  SIGNAL_ROWS_UPDATED,
  SIGNAL_ROWS_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* MariaDB GTID event flag: the transaction is a single statement (DDL). */
#define MARIADB_GTID_FLAG_STANDALONE 0x01

/* Replica capability announced to MariaDB: understands GTID events. */
#define MARIADB_SLAVE_CAPABILITY_GTID 4

static gboolean
is_running (MysqlBinlogStream *self)
{
  return g_atomic_int_get (&self->running) != 0;
}

#define RETURN_IF_RUNNING(self) \
  G_STMT_START { \
    if (is_running (self)) \
      { \
        g_critical ("%s: the properties of a MysqlBinlogStream cannot change while it runs", \
                    G_STRFUNC); \
        return; \
      } \
  } G_STMT_END

static void
mysql_binlog_stream_finalize (GObject *object)
{
  MysqlBinlogStream *self = MYSQL_BINLOG_STREAM (object);

  g_free (self->host);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->socket);
  g_clear_pointer (&self->start_position, mysql_binlog_position_unref);
  g_clear_pointer (&self->position, mysql_binlog_position_unref);
  g_strfreev (self->only_schemas);
  g_strfreev (self->ignored_schemas);
  g_strfreev (self->only_tables);
  g_strfreev (self->ignored_tables);
  g_clear_object (&self->source_file);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mysql_binlog_stream_parent_class)->finalize (object);
}

static void
mysql_binlog_stream_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MysqlBinlogStream *self = MYSQL_BINLOG_STREAM (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_SOCKET:
      g_value_set_string (value, self->socket);
      break;
    case PROP_SERVER_ID:
      g_value_set_uint (value, self->server_id);
      break;
    case PROP_START_POSITION:
      g_value_set_boxed (value, self->start_position);
      break;
    case PROP_BLOCKING:
      g_value_set_boolean (value, self->blocking);
      break;
    case PROP_ONLY_SCHEMAS:
      g_value_set_boxed (value, self->only_schemas);
      break;
    case PROP_IGNORED_SCHEMAS:
      g_value_set_boxed (value, self->ignored_schemas);
      break;
    case PROP_ONLY_TABLES:
      g_value_set_boxed (value, self->only_tables);
      break;
    case PROP_IGNORED_TABLES:
      g_value_set_boxed (value, self->ignored_tables);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->source_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mysql_binlog_stream_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MysqlBinlogStream *self = MYSQL_BINLOG_STREAM (object);

  switch (prop_id)
    {
    case PROP_HOST:
      mysql_binlog_stream_set_host (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      mysql_binlog_stream_set_port (self, g_value_get_uint (value));
      break;
    case PROP_USER:
      mysql_binlog_stream_set_user (self, g_value_get_string (value));
      break;
    case PROP_PASSWORD:
      mysql_binlog_stream_set_password (self, g_value_get_string (value));
      break;
    case PROP_SOCKET:
      mysql_binlog_stream_set_socket (self, g_value_get_string (value));
      break;
    case PROP_SERVER_ID:
      mysql_binlog_stream_set_server_id (self, g_value_get_uint (value));
      break;
    case PROP_START_POSITION:
      mysql_binlog_stream_set_start_position (self, g_value_get_boxed (value));
      break;
    case PROP_BLOCKING:
      mysql_binlog_stream_set_blocking (self, g_value_get_boolean (value));
      break;
    case PROP_ONLY_SCHEMAS:
      mysql_binlog_stream_set_only_schemas (self, g_value_get_boxed (value));
      break;
    case PROP_IGNORED_SCHEMAS:
      mysql_binlog_stream_set_ignored_schemas (self, g_value_get_boxed (value));
      break;
    case PROP_ONLY_TABLES:
      mysql_binlog_stream_set_only_tables (self, g_value_get_boxed (value));
      break;
    case PROP_IGNORED_TABLES:
      mysql_binlog_stream_set_ignored_tables (self, g_value_get_boxed (value));
      break;
    case PROP_FILE:
      g_set_object (&self->source_file, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mysql_binlog_stream_class_init (MysqlBinlogStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mysql_binlog_stream_finalize;
  object_class->get_property = mysql_binlog_stream_get_property;
  object_class->set_property = mysql_binlog_stream_set_property;

  /**
   * MysqlBinlogStream:host: (getter get_host) (setter set_host)
   *
   * The host name or IP address of the server; %NULL means `localhost`.
   * Ignored when [property@MysqlBinlog.Stream:socket] is set.
   *
   * Since: 1.0
   */
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:port: (getter get_port) (setter set_port)
   *
   * The TCP port of the server.
   *
   * Since: 1.0
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 3306,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:user: (getter get_user) (setter set_user)
   *
   * The account to connect as; %NULL means the login name of the process.
   * It needs the `REPLICATION SLAVE` and `REPLICATION CLIENT` privileges
   * (`BINLOG MONITOR` on MariaDB 10.5 and later).
   *
   * Since: 1.0
   */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:password: (setter set_password)
   *
   * The password of [property@MysqlBinlog.Stream:user].  Write-only.
   *
   * Since: 1.0
   */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:socket: (getter get_socket) (setter set_socket)
   *
   * The path of the server's Unix socket.  When set, it wins over
   * [property@MysqlBinlog.Stream:host] and [property@MysqlBinlog.Stream:port].
   *
   * Since: 1.0
   */
  properties[PROP_SOCKET] =
    g_param_spec_string ("socket", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:server-id: (getter get_server_id) (setter set_server_id)
   *
   * The replica id the stream announces to the server.  It must be
   * non-zero and differ from the ids of the server and its other replicas:
   * a server drops the older of two replicas with the same id.
   *
   * Since: 1.0
   */
  properties[PROP_SERVER_ID] =
    g_param_spec_uint ("server-id", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:start-position: (getter get_start_position) (setter set_start_position)
   *
   * Where the stream starts reading.  %NULL starts at the server's current
   * end of the binary log, so that only new changes arrive.
   *
   * Since: 1.0
   */
  properties[PROP_START_POSITION] =
    g_param_spec_boxed ("start-position", NULL, NULL, MYSQL_BINLOG_TYPE_POSITION,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:blocking: (getter get_blocking) (setter set_blocking)
   *
   * %TRUE: wait for new events forever; %FALSE: [method@MysqlBinlog.Stream.run]
   * returns when it reaches the end of the binary log as it was when the
   * stream connected.
   *
   * Since: 1.0
   */
  properties[PROP_BLOCKING] =
    g_param_spec_boolean ("blocking", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:only-schemas: (getter get_only_schemas) (setter set_only_schemas)
   *
   * When not empty, only rows of tables in these schemas are decoded and
   * emitted.  Names may contain `*` and `?` wildcards.
   *
   * Since: 1.0
   */
  properties[PROP_ONLY_SCHEMAS] =
    g_param_spec_boxed ("only-schemas", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:ignored-schemas: (getter get_ignored_schemas) (setter set_ignored_schemas)
   *
   * Rows of tables in these schemas are neither decoded nor emitted.  Names
   * may contain `*` and `?` wildcards.
   *
   * Since: 1.0
   */
  properties[PROP_IGNORED_SCHEMAS] =
    g_param_spec_boxed ("ignored-schemas", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:only-tables: (getter get_only_tables) (setter set_only_tables)
   *
   * When not empty, only rows of these tables are decoded and emitted.
   * Each entry is `schema.table`, where either part may contain `*` and
   * `?` wildcards (`shop.*`, `*.audit_log`).
   *
   * Since: 1.0
   */
  properties[PROP_ONLY_TABLES] =
    g_param_spec_boxed ("only-tables", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:ignored-tables: (getter get_ignored_tables) (setter set_ignored_tables)
   *
   * Rows of these tables (`schema.table`, with `*` and `?` wildcards) are
   * neither decoded nor emitted.
   *
   * Since: 1.0
   */
  properties[PROP_IGNORED_TABLES] =
    g_param_spec_boxed ("ignored-tables", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:file:
   *
   * A binary log file to read instead of a server, or %NULL.  A stream
   * with a file reads the file's events from its start to its end, then
   * [method@MysqlBinlog.Stream.run] returns; the connection properties are
   * ignored.  Column names come from the table maps when the server wrote
   * them (`binlog_row_metadata=FULL`); otherwise columns are named by
   * their position, `@1`, `@2`, ..., as `mysqlbinlog` shows them.
   *
   * Since: 1.0
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MysqlBinlogStream::binlog:
   * @self: the stream
   * @event: the event
   *
   * Emitted for every event the stream reads, before the row signals of
   * that event, on the thread that runs the stream.
   *
   * Since: 1.0
   */
  signals[SIGNAL_BINLOG] =
    g_signal_new ("binlog",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[SIGNAL_BINLOG], G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::binlog-position:
   * @self: the stream
   * @position: a position it is safe to resume from
   *
   * Emitted each time the stream passes a point it is safe to resume from:
   * after a transaction commits, after a DDL statement, when the binary log
   * continues in a new file.  Never in the middle of a transaction.  Emitted
   * on the thread that runs the stream.
   *
   * Since: 1.0
   */
  signals[SIGNAL_BINLOG_POSITION] =
    g_signal_new ("binlog-position",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_POSITION | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[SIGNAL_BINLOG_POSITION], G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::rows-inserted:
   * @self: the stream
   * @row: the inserted row
   *
   * Emitted once per inserted row, on the thread that runs the stream.
   * The signal is detailed by `schema.table`: connect to
   * `rows-inserted::shop.orders` to receive that table's rows only.  Keep a
   * reference on @row to use it after the handler returns.
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_INSERTED] =
    g_signal_new ("rows-inserted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_INSERTED], G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::rows-updated:
   * @self: the stream
   * @before: the row before the update
   * @after: the row after the update
   *
   * Emitted once per updated row, on the thread that runs the stream, with
   * the row's images before and after the change.  Detailed by
   * `schema.table` like [signal@MysqlBinlog.Stream::rows-inserted].
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_UPDATED] =
    g_signal_new ("rows-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  _mysql_binlog_marshal_VOID__BOXED_BOXED,
                  G_TYPE_NONE, 2,
                  MYSQL_BINLOG_TYPE_ROW | G_SIGNAL_TYPE_STATIC_SCOPE,
                  MYSQL_BINLOG_TYPE_ROW | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_UPDATED], G_TYPE_FROM_CLASS (klass),
                              _mysql_binlog_marshal_VOID__BOXED_BOXEDv);

  /**
   * MysqlBinlogStream::rows-deleted:
   * @self: the stream
   * @row: the deleted row
   *
   * Emitted once per deleted row, on the thread that runs the stream.
   * Detailed by `schema.table` like [signal@MysqlBinlog.Stream::rows-inserted].
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_DELETED] =
    g_signal_new ("rows-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW | G_SIGNAL_TYPE_STATIC_SCOPE);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_DELETED], G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__BOXEDv);
}

static void
mysql_binlog_stream_init (MysqlBinlogStream *self)
{
  g_mutex_init (&self->lock);
  self->port = 3306;
  self->blocking = TRUE;
}

/**
 * mysql_binlog_stream_new:
 *
 * Creates a stream to configure with its properties, e.g.
 * [property@MysqlBinlog.Stream:host] and
 * [property@MysqlBinlog.Stream:server-id].
 *
 * Returns: (transfer full): a new stream
 *
 * Since: 1.0
 */
MysqlBinlogStream *
mysql_binlog_stream_new (void)
{
  return g_object_new (MYSQL_BINLOG_TYPE_STREAM, NULL);
}

/**
 * mysql_binlog_stream_new_for_file:
 * @file: a binary log file
 *
 * Creates a stream that reads the events of one binary log file, read
 * through GIO, from its start to its end, through the same signals as a
 * stream from a server.  See [property@MysqlBinlog.Stream:file].
 *
 * Returns: (transfer full): a new stream
 *
 * Since: 1.0
 */
MysqlBinlogStream *
mysql_binlog_stream_new_for_file (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (MYSQL_BINLOG_TYPE_STREAM, "file", file, NULL);
}

/* Properties */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
set_strv (char               ***field,
          const char * const   *value)
{
  if (*field == NULL && (value == NULL || value[0] == NULL))
    return FALSE;
  if (*field != NULL && value != NULL && g_strv_equal ((const char * const *) *field, value))
    return FALSE;
  g_strfreev (*field);
  *field = (value != NULL && value[0] != NULL) ? g_strdupv ((char **) value) : NULL;
  return TRUE;
}

/**
 * mysql_binlog_stream_get_host: (get-property host)
 * @stream: a stream
 *
 * Gets the host the stream connects to.
 *
 * Returns: (nullable): the host name or address
 *
 * Since: 1.0
 */
const char *
mysql_binlog_stream_get_host (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  return stream->host;
}

/**
 * mysql_binlog_stream_set_host: (set-property host)
 * @stream: a stream
 * @host: (nullable): a host name or address
 *
 * Sets the host the stream connects to.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_host (MysqlBinlogStream *stream,
                              const char        *host)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (set_string (&stream->host, host))
    g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_HOST]);
}

/**
 * mysql_binlog_stream_get_port: (get-property port)
 * @stream: a stream
 *
 * Gets the TCP port the stream connects to.
 *
 * Returns: the port
 *
 * Since: 1.0
 */
guint
mysql_binlog_stream_get_port (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);
  return stream->port;
}

/**
 * mysql_binlog_stream_set_port: (set-property port)
 * @stream: a stream
 * @port: a TCP port
 *
 * Sets the TCP port the stream connects to.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_port (MysqlBinlogStream *stream,
                              guint              port)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (port <= 65535);
  RETURN_IF_RUNNING (stream);
  if (stream->port == port)
    return;
  stream->port = port;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_PORT]);
}

/**
 * mysql_binlog_stream_get_user: (get-property user)
 * @stream: a stream
 *
 * Gets the account the stream connects as.
 *
 * Returns: (nullable): the user name
 *
 * Since: 1.0
 */
const char *
mysql_binlog_stream_get_user (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  return stream->user;
}

/**
 * mysql_binlog_stream_set_user: (set-property user)
 * @stream: a stream
 * @user: (nullable): a user name
 *
 * Sets the account the stream connects as.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_user (MysqlBinlogStream *stream,
                              const char        *user)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (set_string (&stream->user, user))
    g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_USER]);
}

/**
 * mysql_binlog_stream_set_password: (set-property password)
 * @stream: a stream
 * @password: (nullable): the password
 *
 * Sets the password of the account the stream connects as.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_password (MysqlBinlogStream *stream,
                                  const char        *password)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (stream->password != NULL)
    memset (stream->password, 0, strlen (stream->password));
  if (set_string (&stream->password, password))
    g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_PASSWORD]);
}

/**
 * mysql_binlog_stream_get_socket: (get-property socket)
 * @stream: a stream
 *
 * Gets the Unix socket path the stream connects to.
 *
 * Returns: (nullable) (type filename): the socket path
 *
 * Since: 1.0
 */
const char *
mysql_binlog_stream_get_socket (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  return stream->socket;
}

/**
 * mysql_binlog_stream_set_socket: (set-property socket)
 * @stream: a stream
 * @socket: (nullable) (type filename): the path of the server's Unix socket
 *
 * Sets the Unix socket the stream connects to.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_socket (MysqlBinlogStream *stream,
                                const char        *socket)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (set_string (&stream->socket, socket))
    g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_SOCKET]);
}

/**
 * mysql_binlog_stream_get_server_id: (get-property server-id)
 * @stream: a stream
 *
 * Gets the replica id the stream announces.
 *
 * Returns: the server id
 *
 * Since: 1.0
 */
guint
mysql_binlog_stream_get_server_id (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);
  return stream->server_id;
}

/**
 * mysql_binlog_stream_set_server_id: (set-property server-id)
 * @stream: a stream
 * @server_id: a non-zero replica id, unique among the server's replicas
 *
 * Sets the replica id the stream announces.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_server_id (MysqlBinlogStream *stream,
                                   guint              server_id)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (stream->server_id == server_id)
    return;
  stream->server_id = server_id;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_SERVER_ID]);
}

/**
 * mysql_binlog_stream_get_start_position: (get-property start-position)
 * @stream: a stream
 *
 * Gets where the stream starts reading.
 *
 * Returns: (nullable) (transfer none): the start position, or %NULL for the
 *   server's current end
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_stream_get_start_position (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  return stream->start_position;
}

/**
 * mysql_binlog_stream_set_start_position: (set-property start-position)
 * @stream: a stream
 * @position: (nullable): where to start, or %NULL for the server's current end
 *
 * Sets where the stream starts reading.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_start_position (MysqlBinlogStream   *stream,
                                        MysqlBinlogPosition *position)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (stream->start_position == position ||
      (stream->start_position != NULL && position != NULL &&
       mysql_binlog_position_equal (stream->start_position, position)))
    return;
  g_clear_pointer (&stream->start_position, mysql_binlog_position_unref);
  if (position != NULL)
    stream->start_position = mysql_binlog_position_ref (position);
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_START_POSITION]);
}

/**
 * mysql_binlog_stream_get_blocking: (get-property blocking)
 * @stream: a stream
 *
 * Gets whether the stream waits for new events at the end of the binary log.
 *
 * Returns: %TRUE when the stream waits for new events
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_stream_get_blocking (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), FALSE);
  return stream->blocking;
}

/**
 * mysql_binlog_stream_set_blocking: (set-property blocking)
 * @stream: a stream
 * @blocking: %TRUE to wait for new events, %FALSE to stop at the end
 *
 * Sets whether the stream waits for new events at the end of the binary log.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_blocking (MysqlBinlogStream *stream,
                                  gboolean           blocking)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  blocking = !!blocking;
  if (stream->blocking == blocking)
    return;
  stream->blocking = blocking;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_BLOCKING]);
}

#define DEFINE_STRV_PROPERTY(name, prop, what)                                             \
  const char * const *                                                                     \
  mysql_binlog_stream_get_##name (MysqlBinlogStream *stream)                               \
  {                                                                                        \
    g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);                          \
    return (const char * const *) stream->name;                                            \
  }                                                                                        \
                                                                                           \
  void                                                                                     \
  mysql_binlog_stream_set_##name (MysqlBinlogStream  *stream,                              \
                                  const char * const *what)                                \
  {                                                                                        \
    g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));                                    \
    RETURN_IF_RUNNING (stream);                                                            \
    if (set_strv (&stream->name, what))                                                    \
      g_object_notify_by_pspec (G_OBJECT (stream), properties[prop]);                      \
  }

/**
 * mysql_binlog_stream_get_only_schemas: (get-property only-schemas)
 * @stream: a stream
 *
 * Gets the schemas whose rows alone the stream emits.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the schema
 *   names, or %NULL for all schemas
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_only_schemas: (set-property only-schemas)
 * @stream: a stream
 * @schemas: (nullable) (array zero-terminated=1): schema names (wildcards
 *   allowed), or %NULL for all schemas
 *
 * Makes the stream emit only rows of tables in @schemas.
 *
 * Since: 1.0
 */
DEFINE_STRV_PROPERTY (only_schemas, PROP_ONLY_SCHEMAS, schemas)

/**
 * mysql_binlog_stream_get_ignored_schemas: (get-property ignored-schemas)
 * @stream: a stream
 *
 * Gets the schemas whose rows the stream skips.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the schema
 *   names, or %NULL
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_ignored_schemas: (set-property ignored-schemas)
 * @stream: a stream
 * @schemas: (nullable) (array zero-terminated=1): schema names (wildcards
 *   allowed), or %NULL
 *
 * Makes the stream skip rows of tables in @schemas.
 *
 * Since: 1.0
 */
DEFINE_STRV_PROPERTY (ignored_schemas, PROP_IGNORED_SCHEMAS, schemas)

/**
 * mysql_binlog_stream_get_only_tables: (get-property only-tables)
 * @stream: a stream
 *
 * Gets the tables whose rows alone the stream emits.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   `schema.table` patterns, or %NULL for all tables
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_only_tables: (set-property only-tables)
 * @stream: a stream
 * @tables: (nullable) (array zero-terminated=1): `schema.table` patterns, or
 *   %NULL for all tables
 *
 * Makes the stream emit only rows of @tables.
 *
 * Since: 1.0
 */
DEFINE_STRV_PROPERTY (only_tables, PROP_ONLY_TABLES, tables)

/**
 * mysql_binlog_stream_get_ignored_tables: (get-property ignored-tables)
 * @stream: a stream
 *
 * Gets the tables whose rows the stream skips.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   `schema.table` patterns, or %NULL
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_ignored_tables: (set-property ignored-tables)
 * @stream: a stream
 * @tables: (nullable) (array zero-terminated=1): `schema.table` patterns, or
 *   %NULL
 *
 * Makes the stream skip rows of @tables.
 *
 * Since: 1.0
 */
DEFINE_STRV_PROPERTY (ignored_tables, PROP_IGNORED_TABLES, tables)

/* Running */

/**
 * mysql_binlog_stream_get_position:
 * @stream: a stream
 *
 * Gets the last position it is safe to resume from: the one the latest
 * [signal@MysqlBinlog.Stream::binlog-position] carried, or where the stream
 * started.  Thread-safe.
 *
 * Returns: (nullable) (transfer full): the position, or %NULL when the
 *   stream has not started and has no start position
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_stream_get_position (MysqlBinlogStream *stream)
{
  MysqlBinlogPosition *position = NULL;

  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);

  g_mutex_lock (&stream->lock);
  if (stream->position != NULL)
    position = mysql_binlog_position_ref (stream->position);
  else if (stream->start_position != NULL)
    position = mysql_binlog_position_ref (stream->start_position);
  g_mutex_unlock (&stream->lock);

  return position;
}

/**
 * mysql_binlog_stream_stop:
 * @stream: a stream
 *
 * Ends a running stream after the event it is handling: the running
 * [method@MysqlBinlog.Stream.run] returns %TRUE.  May be called from a
 * signal handler or from any other thread, where it also interrupts a
 * stream that waits for new events.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_stop (MysqlBinlogStream *stream)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));

  g_atomic_int_set (&stream->stop_requested, 1);
  g_mutex_lock (&stream->lock);
  if (stream->transport != NULL)
    _mysql_binlog_transport_interrupt (stream->transport);
  g_mutex_unlock (&stream->lock);
}

static void
on_cancelled (GCancellable      *cancellable,
              MysqlBinlogStream *self)
{
  mysql_binlog_stream_stop (self);
}

/* Makes @file:@offset the position get_position() returns; returns it. */
static MysqlBinlogPosition *
set_position (MysqlBinlogStream *self,
              const char        *file,
              guint64            offset)
{
  MysqlBinlogPosition *position = mysql_binlog_position_new (file, offset);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->position, mysql_binlog_position_unref);
  self->position = mysql_binlog_position_ref (position);
  g_mutex_unlock (&self->lock);
  return position;
}

/* A point it is safe to resume from: remember it and tell the handlers. */
static void
reach_safe_position (MysqlBinlogStream *self)
{
  g_autoptr(MysqlBinlogPosition) position = NULL;

  self->in_transaction = FALSE;
  if (self->file == NULL)
    return;

  position = set_position (self, self->file, self->offset);
  if (g_signal_has_handler_pending (self, signals[SIGNAL_BINLOG_POSITION], 0, FALSE))
    g_signal_emit (self, signals[SIGNAL_BINLOG_POSITION], 0, position);
}

static gboolean
name_matches (GPtrArray  *patterns,
              const char *text)
{
  for (guint i = 0; i < patterns->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (patterns, i), text))
      return TRUE;
  return FALSE;
}

static GPtrArray *
compile_patterns (char **names)
{
  GPtrArray *patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (patterns, g_pattern_spec_new (names[i]));
  return patterns;
}

static gboolean
table_is_wanted (MysqlBinlogStream *self,
                 MysqlBinlogTable  *table)
{
  if (self->only_schema_patterns->len > 0 &&
      !name_matches (self->only_schema_patterns, table->schema))
    return FALSE;
  if (name_matches (self->ignored_schema_patterns, table->schema))
    return FALSE;
  if (self->only_table_patterns->len > 0 &&
      !name_matches (self->only_table_patterns, table->qualified_name))
    return FALSE;
  if (name_matches (self->ignored_table_patterns, table->qualified_name))
    return FALSE;
  return TRUE;
}

static gboolean
statement_is (const char *statement,
              const char *keyword)
{
  gsize length = strlen (keyword);

  while (g_ascii_isspace (*statement))
    statement++;
  return g_ascii_strncasecmp (statement, keyword, length) == 0 &&
         (statement[length] == '\0' || g_ascii_isspace (statement[length]) ||
          statement[length] == ';' || statement[length] == '/');
}

static gboolean
emit_rows (MysqlBinlogStream          *self,
           const MysqlBinlogEventInfo *info,
           GError                    **error)
{
  MysqlBinlogRowsInfo rows;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *base, *cursor, *end;
  guint signal_id;

  if (!_mysql_binlog_decoder_rows (self->decoder, info, &rows, error))
    return FALSE;
  if (!rows.table->wanted)
    return TRUE;

  /* A handler may have been connected to this table since its table map
   * arrived. */
  if (rows.table->detail == 0)
    rows.table->detail = g_quark_try_string (rows.table->qualified_name);

  signal_id = rows.kind == 'i' ? signals[SIGNAL_ROWS_INSERTED]
            : rows.kind == 'u' ? signals[SIGNAL_ROWS_UPDATED]
            : signals[SIGNAL_ROWS_DELETED];
  /* A detailed lookup finds only the handlers of that detail, so ask
   * for the table's handlers and for those of every table. */
  if (!g_signal_has_handler_pending (self, signal_id, 0, FALSE) &&
      (rows.table->detail == 0 ||
       !g_signal_has_handler_pending (self, signal_id, rows.table->detail, FALSE)))
    return TRUE;

  /* Rows point into one copy of the event, which lives as long as a
   * handler keeps any of them. */
  bytes = g_bytes_new (info->data, info->length);
  base = g_bytes_get_data (bytes, NULL);
  cursor = base + (rows.rows - info->data);
  end = base + (rows.rows_end - info->data);

  while (cursor < end)
    {
      g_autoptr(MysqlBinlogRow) row = NULL;
      g_autoptr(MysqlBinlogRow) after = NULL;

      row = _mysql_binlog_row_build (rows.table, bytes, rows.present, rows.n_present,
                                     info->timestamp, &cursor, end, error);
      if (row == NULL)
        return FALSE;
      if (rows.kind == 'u')
        {
          if (rows.partial)
            after = _mysql_binlog_row_build_partial (rows.table, bytes, rows.present_after,
                                                     rows.n_present_after, info->timestamp,
                                                     &cursor, end, error);
          else
            after = _mysql_binlog_row_build (rows.table, bytes, rows.present_after,
                                             rows.n_present_after, info->timestamp,
                                             &cursor, end, error);
          if (after == NULL)
            return FALSE;
          g_signal_emit (self, signal_id, rows.table->detail, row, after);
        }
      else
        {
          g_signal_emit (self, signal_id, rows.table->detail, row);
        }
    }
  return TRUE;
}

static gboolean
handle_table_map (MysqlBinlogStream           *self,
                  const MysqlBinlogEventInfo  *info,
                  MysqlBinlogTable           **table_out,
                  GError                     **error)
{
  MysqlBinlogTableNeeds needs = 0;
  gboolean is_new = FALSE;
  MysqlBinlogTable *table;

  table = _mysql_binlog_decoder_table_map (self->decoder, info, &is_new, &needs, error);
  if (table == NULL)
    return FALSE;
  *table_out = table;
  if (!is_new)
    return TRUE;

  table->wanted = table_is_wanted (self, table);
  if (table->wanted && needs != 0 && self->metadata != NULL)
    return _mysql_binlog_metadata_complete (self->metadata, table, needs, error);
  return TRUE;
}

static gboolean handle_event (MysqlBinlogStream  *self,
                              const guint8       *data,
                              gsize               length,
                              GError            **error);

/* The events of a transaction payload, decompressed as they are read,
 * go through handle_event() like any others. */
static gboolean
handle_payload (MysqlBinlogStream           *self,
                const MysqlBinlogEventInfo  *info,
                guint64                      event_position,
                GError                     **error)
{
  g_autoptr(MysqlBinlogPayloadReader) reader = NULL;
  guint64 saved_offset = self->event_offset;
  gboolean saved_checksum = _mysql_binlog_decoder_get_checksum (self->decoder);
  gboolean ok = TRUE;

  if (self->nesting > 0)
    return _mysql_binlog_set_corrupt (error, "Transaction payload inside a transaction payload");

  reader = _mysql_binlog_payload_reader_new (info, error);
  if (reader == NULL)
    return FALSE;

  /* The inner events carry no checksum of their own: the payload's
   * covers them. */
  self->nesting++;
  self->event_offset = event_position;
  _mysql_binlog_decoder_set_checksum (self->decoder, FALSE);
  while (ok)
    {
      const guint8 *data;
      gsize length;

      switch (_mysql_binlog_payload_reader_next (reader, &data, &length, error))
        {
        case MYSQL_BINLOG_READ_END:
          goto done;
        case MYSQL_BINLOG_READ_ERROR:
          ok = FALSE;
          break;
        case MYSQL_BINLOG_READ_EVENT:
          if (data[4] == MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION ||
              data[4] == MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD)
            ok = _mysql_binlog_set_corrupt (error, "Event of type %u inside a transaction payload",
                                            data[4]);
          else
            ok = handle_event (self, data, length, error);
          break;
        }
    }

done:
  _mysql_binlog_decoder_set_checksum (self->decoder, saved_checksum);
  self->event_offset = saved_offset;
  self->nesting--;
  return ok;
}

static gboolean
handle_event (MysqlBinlogStream  *self,
              const guint8       *data,
              gsize               length,
              GError            **error)
{
  MysqlBinlogEventInfo info;
  g_autofree char *schema = NULL;
  g_autofree char *table_name = NULL;
  g_autofree char *statement = NULL;
  g_autofree char *gtid = NULL;
  g_autofree char *previous_file = NULL;
  MysqlBinlogTable *table = NULL;
  guint64 event_position;
  gboolean safe_after = FALSE;
  gboolean artificial;

  if (!_mysql_binlog_decoder_parse_header (self->decoder, data, length, &info, error))
    return FALSE;

  artificial = info.log_pos == 0 || (info.flags & MYSQL_BINLOG_EVENT_FLAG_ARTIFICIAL);
  event_position = (!artificial && info.log_pos >= info.event_size)
                   ? info.log_pos - info.event_size : self->offset;
  if (self->nesting > 0)
    {
      /* An event inside a transaction payload: it is at the payload's
       * position, and the offset after it is the payload's end. */
      artificial = TRUE;
      event_position = self->event_offset;
    }
  else if (self->reading_file)
    {
      /* A file's own offsets are the truth: a relay log's events carry
       * the positions of the source's binary log. */
      artificial = FALSE;
      event_position = self->event_offset;
      info.log_pos = self->event_offset + info.event_size;
    }

  switch (info.type)
    {
    case MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION:
      if (!_mysql_binlog_decoder_format_description (self->decoder, &info, error))
        return FALSE;
      break;

    case MYSQL_BINLOG_EVENT_ROTATE:
      {
        guint64 position;

        if (!_mysql_binlog_decoder_rotate (self->decoder, &info, &statement, &position, error))
          return FALSE;
        if (self->reading_file)
          {
            /* A file's events keep the file's name and offsets, whatever
             * the file continues with. */
            g_clear_pointer (&statement, g_free);
            break;
          }
        /* The rotate event itself still belongs to the file it ends. */
        previous_file = g_steal_pointer (&self->file);
        self->file = g_steal_pointer (&statement);
        self->offset = position;
        /* The file changes at a transaction boundary: a place to resume
         * from, unless this is the server's note of where we start. */
        if (!artificial && !self->in_transaction)
          safe_after = TRUE;
        else
          mysql_binlog_position_unref (set_position (self, self->file, self->offset));
        artificial = TRUE; /* the offset is already right */
      }
      break;

    case MYSQL_BINLOG_EVENT_QUERY:
    case MYSQL_BINLOG_EVENT_QUERY_COMPRESSED:
      if (!_mysql_binlog_decoder_query (self->decoder, &info, &schema, &statement, error))
        return FALSE;
      if (statement_is (statement, "BEGIN") || statement_is (statement, "XA START") ||
          statement_is (statement, "XA BEGIN"))
        {
          self->in_transaction = TRUE;
        }
      else if (statement_is (statement, "SAVEPOINT") || statement_is (statement, "ROLLBACK TO") ||
               statement_is (statement, "RELEASE SAVEPOINT") || statement_is (statement, "XA END"))
        {
          /* inside a transaction: nothing changes */
        }
      else if (statement_is (statement, "COMMIT") || statement_is (statement, "ROLLBACK") ||
               statement_is (statement, "XA COMMIT") || statement_is (statement, "XA ROLLBACK"))
        {
          safe_after = TRUE;
        }
      else
        {
          /* A DDL statement (or another statement the server logged as
           * text): table definitions may have changed. */
          if (self->metadata != NULL)
            _mysql_binlog_metadata_invalidate (self->metadata);
          if (!self->in_transaction)
            {
              _mysql_binlog_decoder_forget_tables (self->decoder);
              safe_after = TRUE;
            }
        }
      break;

    case MYSQL_BINLOG_EVENT_XID:
      {
        guint64 xid;

        if (!_mysql_binlog_decoder_xid (self->decoder, &info, &xid, error))
          return FALSE;
        safe_after = TRUE;
      }
      break;

    case MYSQL_BINLOG_EVENT_XA_PREPARE:
      safe_after = TRUE;
      break;

    case MYSQL_BINLOG_EVENT_MARIADB_GTID:
      {
        guint32 domain;
        guint64 sequence;
        guint8 flags;

        if (!_mysql_binlog_decoder_mariadb_gtid (self->decoder, &info, &domain, &sequence,
                                                 &flags, error))
          return FALSE;
        gtid = g_strdup_printf ("%u-%u-%" G_GUINT64_FORMAT, domain, info.server_id, sequence);
        if (!(flags & MARIADB_GTID_FLAG_STANDALONE))
          self->in_transaction = TRUE;
      }
      break;

    case MYSQL_BINLOG_EVENT_ANNOTATE_ROWS:
    case MYSQL_BINLOG_EVENT_ROWS_QUERY:
      {
        const guint8 *text = info.body;
        gsize text_length = info.body_length;

        /* MySQL's ROWS_QUERY starts with a (truncated) length byte. */
        if (info.type == MYSQL_BINLOG_EVENT_ROWS_QUERY && text_length > 0)
          text++, text_length--;
        statement = g_utf8_make_valid ((const char *) text, text_length);
      }
      break;

    case MYSQL_BINLOG_EVENT_TABLE_MAP:
      if (!handle_table_map (self, &info, &table, error))
        return FALSE;
      break;

    case MYSQL_BINLOG_EVENT_WRITE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS:
    case MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED:
      {
        guint64 table_id;

        if (_mysql_binlog_decoder_table_id (self->decoder, &info, &table_id))
          table = _mysql_binlog_decoder_lookup_table (self->decoder, table_id);
      }
      break;

    case MYSQL_BINLOG_EVENT_START_ENCRYPTION:
      /* A server decrypts what it sends to a replica, and passes this
       * event on; in a file, the events after it are encrypted with a
       * key only the server has. */
      if (!self->reading_file)
        break;
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                           "The binary log is encrypted (encrypt_binlog=ON): its events cannot "
                           "be read without the server's encryption key; read it from the "
                           "server, which decrypts it, instead of from the file");
      return FALSE;

    default:
      break;
    }

  if (!artificial)
    self->offset = info.log_pos;

  if (g_signal_has_handler_pending (self, signals[SIGNAL_BINLOG], 0, FALSE))
    {
      g_autoptr(MysqlBinlogEvent) event = NULL;

      if (table != NULL)
        {
          g_free (schema);
          schema = g_strdup (table->schema);
          table_name = g_strdup (table->name);
        }
      event = _mysql_binlog_event_new (&info,
                                       previous_file != NULL ? previous_file : self->file,
                                       event_position,
                                       artificial ? 0 : info.log_pos,
                                       g_steal_pointer (&schema),
                                       g_steal_pointer (&table_name),
                                       g_steal_pointer (&statement),
                                       g_steal_pointer (&gtid));
      g_signal_emit (self, signals[SIGNAL_BINLOG], 0, event);
    }

  switch (info.type)
    {
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_V1:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS:
    case MYSQL_BINLOG_EVENT_PARTIAL_UPDATE_ROWS:
      if (!emit_rows (self, &info, error))
        return FALSE;
      break;
    case MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD:
      if (!handle_payload (self, &info, event_position, error))
        return FALSE;
      break;
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED_V1:
    case MYSQL_BINLOG_EVENT_WRITE_ROWS_COMPRESSED:
    case MYSQL_BINLOG_EVENT_UPDATE_ROWS_COMPRESSED:
    case MYSQL_BINLOG_EVENT_DELETE_ROWS_COMPRESSED:
      /* Without a table map, uncompressing reports it. */
      if (table == NULL || table->wanted)
        {
          MysqlBinlogEventInfo plain;
          g_autoptr(GBytes) uncompressed = NULL;

          uncompressed = _mysql_binlog_decoder_uncompress_rows (self->decoder, &info, &plain, error);
          if (uncompressed == NULL || !emit_rows (self, &plain, error))
            return FALSE;
        }
      break;
    default:
      break;
    }

  if (safe_after)
    reach_safe_position (self);

  return TRUE;
}

static gboolean
check_server (MysqlBinlogStream     *self,
              MysqlBinlogTransport  *transport,
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
  return g_regex_match_simple ("^\\s*\\d+-\\d+-\\d+(\\s*,\\s*\\d+-\\d+-\\d+)*\\s*$",
                               gtid_set, 0, 0);
}

static gboolean
run_live (MysqlBinlogStream  *self,
          GCancellable       *cancellable,
          GError            **error)
{
  MysqlBinlogConnectOptions options = {
    .host = self->host,
    .port = self->port,
    .user = self->user,
    .password = self->password,
    .socket = self->socket,
  };
  MysqlBinlogTransport *transport;
  g_autofree char *file = NULL;
  guint64 offset = 4;
  gboolean checksum = FALSE;

  if (self->server_id == 0)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The stream's server-id is 0: set it to an id that neither the "
                           "server nor any of its other replicas uses");
      return FALSE;
    }

  transport = _mysql_binlog_transport_connect (&options, error);
  if (transport == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  self->transport = transport;
  g_mutex_unlock (&self->lock);
  if (g_atomic_int_get (&self->stop_requested))
    _mysql_binlog_transport_interrupt (transport);

  if (!check_server (self, transport, &checksum, error))
    return FALSE;

  if (self->start_position != NULL && mysql_binlog_position_get_file (self->start_position) != NULL)
    {
      file = g_strdup (mysql_binlog_position_get_file (self->start_position));
      offset = MAX (mysql_binlog_position_get_offset (self->start_position), 4);
      if (!check_file_exists (transport, file, error))
        return FALSE;
    }
  else if (self->start_position != NULL)
    {
      const char *gtid_set = mysql_binlog_position_get_gtid_set (self->start_position);
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;

      if (!looks_like_mariadb_gtid_set (gtid_set))
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED,
                       "Starting from the GTID set “%s” is not supported: give a start "
                       "position with a file and offset, or a MariaDB GTID list "
                       "(domain-server-sequence)", gtid_set);
          return FALSE;
        }
      quoted = _mysql_binlog_transport_quote (transport, gtid_set);
      sql = g_strdup_printf ("SET @slave_connect_state = %s, @slave_gtid_strict_mode = 0, "
                             "@slave_gtid_ignore_duplicates = 0", quoted);
      if (!_mysql_binlog_transport_query (transport, sql, NULL, error))
        return FALSE;
      file = g_strdup ("");
    }
  else if (!find_current_position (transport, &file, &offset, error))
    {
      return FALSE;
    }

  if (*file != '\0')
    {
      self->file = g_strdup (file);
      self->offset = offset;
      mysql_binlog_position_unref (set_position (self, file, offset));
    }

  self->decoder = _mysql_binlog_decoder_new ();
  _mysql_binlog_decoder_set_checksum (self->decoder, checksum);
  self->metadata = _mysql_binlog_metadata_new (&options);

  if (!_mysql_binlog_transport_start_dump (transport, self->server_id, file, offset,
                                           !self->blocking, error))
    return FALSE;

  while (!g_atomic_int_get (&self->stop_requested))
    {
      const guint8 *data;
      gsize length;

      switch (_mysql_binlog_transport_read_event (transport, &data, &length, error))
        {
        case MYSQL_BINLOG_READ_END:
          return TRUE;
        case MYSQL_BINLOG_READ_ERROR:
          return FALSE;
        case MYSQL_BINLOG_READ_EVENT:
          break;
        }

      if (!handle_event (self, data, length, error))
        {
          g_prefix_error (error, "At %s:%" G_GUINT64_FORMAT ": ",
                          self->file != NULL ? self->file : "?", self->offset);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
run_file (MysqlBinlogStream  *self,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(MysqlBinlogFileSource) source = NULL;
  g_autofree char *name = g_file_get_basename (self->source_file);
  g_autofree char *where = g_file_get_parse_name (self->source_file);

  input = g_file_read (self->source_file, cancellable, error);
  if (input == NULL)
    return FALSE;

  self->reading_file = TRUE;
  self->file = g_strdup (name);
  self->offset = 4;
  self->decoder = _mysql_binlog_decoder_new ();
  source = _mysql_binlog_file_source_new (G_INPUT_STREAM (input));
  if (!_mysql_binlog_file_source_read_magic (source, cancellable, error))
    {
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  mysql_binlog_position_unref (set_position (self, self->file, self->offset));

  while (!g_atomic_int_get (&self->stop_requested))
    {
      const guint8 *data;
      gsize length;
      guint64 offset = self->offset;

      switch (_mysql_binlog_file_source_read_event (source, &data, &length, &offset,
                                                    cancellable, error))
        {
        case MYSQL_BINLOG_READ_END:
          return TRUE;
        case MYSQL_BINLOG_READ_ERROR:
          g_prefix_error (error, "%s at offset %" G_GUINT64_FORMAT ": ", where, offset);
          return FALSE;
        case MYSQL_BINLOG_READ_EVENT:
          break;
        }

      self->event_offset = offset;
      if (!handle_event (self, data, length, error))
        {
          g_prefix_error (error, "%s at offset %" G_GUINT64_FORMAT ": ", where, offset);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mysql_binlog_stream_run:
 * @stream: a stream
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Connects to the server and reads its binary log, emitting the signals on
 * the calling thread as events arrive, until the stream ends: a stream
 * that is not [property@MysqlBinlog.Stream:blocking] ends at the end of the
 * binary log; any stream ends when [method@MysqlBinlog.Stream.stop] is
 * called.
 *
 * Cancelling @cancellable interrupts the stream as promptly as
 * [method@MysqlBinlog.Stream.stop] does, and makes this function fail with
 * %G_IO_ERROR_CANCELLED.
 *
 * Returns: %TRUE when the stream reached its end or was stopped, %FALSE
 *   with @error set otherwise
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_stream_run (MysqlBinlogStream  *stream,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gulong cancel_id = 0;
  gboolean ok;

  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_atomic_int_compare_and_exchange (&stream->running, 0, 1))
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The stream is already running");
      return FALSE;
    }

  g_object_ref (stream);
  g_atomic_int_set (&stream->stop_requested, 0);
  stream->in_transaction = FALSE;
  stream->offset = 0;
  stream->only_schema_patterns = compile_patterns (stream->only_schemas);
  stream->ignored_schema_patterns = compile_patterns (stream->ignored_schemas);
  stream->only_table_patterns = compile_patterns (stream->only_tables);
  stream->ignored_table_patterns = compile_patterns (stream->ignored_tables);

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), stream, NULL);

  ok = stream->source_file != NULL ? run_file (stream, cancellable, &local_error)
                                   : run_live (stream, cancellable, &local_error);

  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);

  g_mutex_lock (&stream->lock);
  g_clear_pointer (&stream->transport, _mysql_binlog_transport_free);
  g_mutex_unlock (&stream->lock);
  g_clear_pointer (&stream->decoder, _mysql_binlog_decoder_free);
  g_clear_pointer (&stream->metadata, _mysql_binlog_metadata_free);
  g_clear_pointer (&stream->only_schema_patterns, g_ptr_array_unref);
  g_clear_pointer (&stream->ignored_schema_patterns, g_ptr_array_unref);
  g_clear_pointer (&stream->only_table_patterns, g_ptr_array_unref);
  g_clear_pointer (&stream->ignored_table_patterns, g_ptr_array_unref);
  g_clear_pointer (&stream->file, g_free);
  stream->reading_file = FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (!ok && g_atomic_int_get (&stream->stop_requested) &&
           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ok = TRUE;  /* stop() interrupted a read */
  else if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  g_atomic_int_set (&stream->running, 0);
  g_object_unref (stream);
  return ok;
}
