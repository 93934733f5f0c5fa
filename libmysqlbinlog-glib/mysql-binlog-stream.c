/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-stream.h"
#include "mysql-binlog-checkpoint-private.h"
#include "mysql-binlog-enum-types.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-event-private.h"
#include "mysql-binlog-marshal.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-position-store.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-run-private.h"
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
 * [method@MysqlBinlog.Stream.run_async] reads on a thread of its own and
 * emits every signal on the thread-default main context of its caller,
 * in binlog order: "the thread that runs the stream" in the signals'
 * descriptions is then that context's thread.  The
 * [property@MysqlBinlog.Stream:position-store] is used on the same thread
 * as the signals.
 * [method@MysqlBinlog.Stream.stop] may be called from a signal handler or
 * from any other thread.
 *
 * ## Replication mode
 *
 * With a [property@MysqlBinlog.Stream:position-store] the stream starts
 * where the store says and saves its position after each transaction, so
 * a restarted program loses no change; with
 * [property@MysqlBinlog.Stream:reconnect-attempts] it survives server
 * restarts and network failures without losing or repeating a row.  A
 * handler that cannot handle a change (its own database is down, say)
 * calls [method@MysqlBinlog.Stream.fail]: the run ends with that error and
 * the transaction is not checkpointed, so the next run delivers it again.
 *
 * ```c
 * g_autoptr(GFile) file = g_file_new_for_path ("/var/lib/myapp/binlog.position");
 * g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
 *
 * g_object_set (stream,
 *               "position-store", store,
 *               "reconnect-attempts", -1,
 *               NULL);
 * ```
 *
 * Since: 1.0
 */

typedef struct _Item Item;
typedef struct _AsyncRun AsyncRun;

static AsyncRun *async_run_ref   (AsyncRun *run);
static void      async_run_unref (AsyncRun *run);
static void      async_run_wake  (AsyncRun *run);

struct _MysqlBinlogStream
{
  GObject parent_instance;

  char *host;
  guint port;
  char *user;
  char *password;
  char *socket;
  MysqlBinlogTlsOptions tls;
  guint server_id;
  MysqlBinlogPosition *start_position;
  gboolean blocking;
  char **only_schemas;
  char **ignored_schemas;
  char **only_tables;
  char **ignored_tables;
  GFile *source_file;           /* reads this file instead of a server */
  MysqlBinlogPositionStore *position_store;
  guint heartbeat_period;     /* ms */
  guint connect_timeout;      /* s */
  gint reconnect_attempts;
  guint reconnect_delay;      /* ms */
  guint reconnect_max_delay;  /* ms */
  guint save_interval;        /* ms */
  guint save_transactions;

  /* Shared with stop() and get_position() on other threads. */
  GMutex lock;
  MysqlBinlogPosition *position;
  gint running;
  gint stop_requested;
  AsyncRun *async;            /* set while run_async() runs */
  GError *failure;            /* atomic: what fail() ends the run with */
  MysqlBinlogRun *run;        /* with lock: the run under way, with all its state */
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
  PROP_POSITION_STORE,
  PROP_HEARTBEAT_PERIOD,
  PROP_CONNECT_TIMEOUT,
  PROP_RECONNECT_ATTEMPTS,
  PROP_RECONNECT_DELAY,
  PROP_RECONNECT_MAX_DELAY,
  PROP_SAVE_INTERVAL,
  PROP_SAVE_TRANSACTIONS,
  PROP_TLS_MODE,
  PROP_TLS_CA_FILE,
  PROP_TLS_CA_DIRECTORY,
  PROP_TLS_CERT_FILE,
  PROP_TLS_KEY_FILE,
  PROP_TLS_CIPHER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_BINLOG,
  SIGNAL_BINLOG_POSITION,
  SIGNAL_ROWS_INSERTED,
  SIGNAL_ROWS_UPDATED,
  SIGNAL_ROWS_DELETED,
  SIGNAL_RECONNECTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_running (MysqlBinlogStream *self)
{
  return g_atomic_int_get (&self->running) != 0;
}

/* A handler called mysql_binlog_stream_fail(): nothing more is emitted,
 * no later position is published or saved. */
static gboolean
has_failed (MysqlBinlogStream *self)
{
  return g_atomic_pointer_get (&self->failure) != NULL;
}

static void
clear_failure (MysqlBinlogStream *self)
{
  GError *failure = g_atomic_pointer_exchange (&self->failure, NULL);

  g_clear_error (&failure);
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
  g_free (self->tls.ca_file);
  g_free (self->tls.ca_directory);
  g_free (self->tls.cert_file);
  g_free (self->tls.key_file);
  g_free (self->tls.cipher);
  g_clear_pointer (&self->start_position, mysql_binlog_position_unref);
  g_clear_pointer (&self->position, mysql_binlog_position_unref);
  g_strfreev (self->only_schemas);
  g_strfreev (self->ignored_schemas);
  g_strfreev (self->only_tables);
  g_strfreev (self->ignored_tables);
  g_clear_object (&self->source_file);
  g_clear_object (&self->position_store);
  g_clear_error (&self->failure);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mysql_binlog_stream_parent_class)->finalize (object);
}

static void
set_uint_property (MysqlBinlogStream *self,
                   guint             *field,
                   guint              value,
                   GParamSpec        *pspec)
{
  RETURN_IF_RUNNING (self);
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
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
    case PROP_POSITION_STORE:
      g_value_set_object (value, self->position_store);
      break;
    case PROP_HEARTBEAT_PERIOD:
      g_value_set_uint (value, self->heartbeat_period);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_RECONNECT_ATTEMPTS:
      g_value_set_int (value, self->reconnect_attempts);
      break;
    case PROP_RECONNECT_DELAY:
      g_value_set_uint (value, self->reconnect_delay);
      break;
    case PROP_RECONNECT_MAX_DELAY:
      g_value_set_uint (value, self->reconnect_max_delay);
      break;
    case PROP_SAVE_INTERVAL:
      g_value_set_uint (value, self->save_interval);
      break;
    case PROP_SAVE_TRANSACTIONS:
      g_value_set_uint (value, self->save_transactions);
      break;
    case PROP_TLS_MODE:
      g_value_set_enum (value, self->tls.mode);
      break;
    case PROP_TLS_CA_FILE:
      g_value_set_string (value, self->tls.ca_file);
      break;
    case PROP_TLS_CA_DIRECTORY:
      g_value_set_string (value, self->tls.ca_directory);
      break;
    case PROP_TLS_CERT_FILE:
      g_value_set_string (value, self->tls.cert_file);
      break;
    case PROP_TLS_KEY_FILE:
      g_value_set_string (value, self->tls.key_file);
      break;
    case PROP_TLS_CIPHER:
      g_value_set_string (value, self->tls.cipher);
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
    case PROP_POSITION_STORE:
      mysql_binlog_stream_set_position_store (self, g_value_get_object (value));
      break;
    case PROP_HEARTBEAT_PERIOD:
      mysql_binlog_stream_set_heartbeat_period (self, g_value_get_uint (value));
      break;
    case PROP_CONNECT_TIMEOUT:
      mysql_binlog_stream_set_connect_timeout (self, g_value_get_uint (value));
      break;
    case PROP_RECONNECT_ATTEMPTS:
      mysql_binlog_stream_set_reconnect_attempts (self, g_value_get_int (value));
      break;
    case PROP_RECONNECT_DELAY:
      mysql_binlog_stream_set_reconnect_delay (self, g_value_get_uint (value));
      break;
    case PROP_RECONNECT_MAX_DELAY:
      mysql_binlog_stream_set_reconnect_max_delay (self, g_value_get_uint (value));
      break;
    case PROP_SAVE_INTERVAL:
      mysql_binlog_stream_set_save_interval (self, g_value_get_uint (value));
      break;
    case PROP_SAVE_TRANSACTIONS:
      mysql_binlog_stream_set_save_transactions (self, g_value_get_uint (value));
      break;
    case PROP_TLS_MODE:
      mysql_binlog_stream_set_tls_mode (self, g_value_get_enum (value));
      break;
    case PROP_TLS_CA_FILE:
      mysql_binlog_stream_set_tls_ca_file (self, g_value_get_string (value));
      break;
    case PROP_TLS_CA_DIRECTORY:
      mysql_binlog_stream_set_tls_ca_directory (self, g_value_get_string (value));
      break;
    case PROP_TLS_CERT_FILE:
      mysql_binlog_stream_set_tls_cert_file (self, g_value_get_string (value));
      break;
    case PROP_TLS_KEY_FILE:
      mysql_binlog_stream_set_tls_key_file (self, g_value_get_string (value));
      break;
    case PROP_TLS_CIPHER:
      mysql_binlog_stream_set_tls_cipher (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The va_list marshallers of the row signals, for C handlers.  GLib's
 * generated ones take a reference on each row around the handler with
 * g_boxed_copy(), which looks the type up under the type system's lock for
 * every row.  These take none: every emission of this file holds a
 * reference on its rows until it returns, and a handler that keeps a row
 * takes its own. */
static void
marshal_row_v (GClosure *closure,
               GValue   *return_value,
               gpointer  instance,
               va_list   args,
               gpointer  marshal_data,
               int       n_params,
               GType    *param_types)
{
  typedef void (*RowFunc) (gpointer        data1,
                           MysqlBinlogRow *row,
                           gpointer        data2);
  GCClosure *cclosure = (GCClosure *) closure;
  gpointer data1, data2;
  MysqlBinlogRow *row;
  RowFunc callback;
  va_list args_copy;

  G_VA_COPY (args_copy, args);
  row = va_arg (args_copy, MysqlBinlogRow *);
  va_end (args_copy);

  if (G_CCLOSURE_SWAP_DATA (closure))
    {
      data1 = closure->data;
      data2 = instance;
    }
  else
    {
      data1 = instance;
      data2 = closure->data;
    }
  callback = (RowFunc) (marshal_data != NULL ? marshal_data : cclosure->callback);

  callback (data1, row, data2);
}

static void
marshal_rows_v (GClosure *closure,
                GValue   *return_value,
                gpointer  instance,
                va_list   args,
                gpointer  marshal_data,
                int       n_params,
                GType    *param_types)
{
  typedef void (*RowsFunc) (gpointer        data1,
                            MysqlBinlogRow *before,
                            MysqlBinlogRow *after,
                            gpointer        data2);
  GCClosure *cclosure = (GCClosure *) closure;
  gpointer data1, data2;
  MysqlBinlogRow *before, *after;
  RowsFunc callback;
  va_list args_copy;

  G_VA_COPY (args_copy, args);
  before = va_arg (args_copy, MysqlBinlogRow *);
  after = va_arg (args_copy, MysqlBinlogRow *);
  va_end (args_copy);

  if (G_CCLOSURE_SWAP_DATA (closure))
    {
      data1 = closure->data;
      data2 = instance;
    }
  else
    {
      data1 = instance;
      data2 = closure->data;
    }
  callback = (RowsFunc) (marshal_data != NULL ? marshal_data : cclosure->callback);

  callback (data1, before, after, data2);
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
   * A stream made with mysql_binlog_stream_new_for_file() starts at the
   * start of the file when this is %NULL.  Otherwise the position must name
   * that file (its base name) and the offset of an event in it, such as a
   * position the stream reported earlier: the events before it are read
   * (for the format description and the table maps) but not emitted.
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
   * MysqlBinlogStream:file: (getter get_file)
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

  /**
   * MysqlBinlogStream:position-store: (getter get_position_store) (setter set_position_store)
   *
   * Replication mode.  When set, [method@MysqlBinlog.Stream.run] starts
   * from the position the store holds (or from
   * [property@MysqlBinlog.Stream:start-position] when it holds none) and
   * saves the position after the handlers of every committed transaction
   * have returned, never in the middle of a transaction, and once more when
   * the stream ends or is stopped.  A crash therefore never loses a
   * change: a restarted program may receive the transaction that was in
   * flight again, and nothing else.
   *
   * [property@MysqlBinlog.Stream:save-transactions] and
   * [property@MysqlBinlog.Stream:save-interval] save less often for streams
   * with many small transactions; a restart then repeats up to that many
   * transactions.  If saving fails the stream stops with the error.  A
   * transaction whose handler called [method@MysqlBinlog.Stream.fail] is not
   * saved, nor anything after it.
   *
   * Since: 1.0
   */
  properties[PROP_POSITION_STORE] =
    g_param_spec_object ("position-store", NULL, NULL, MYSQL_BINLOG_TYPE_POSITION_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:heartbeat-period: (getter get_heartbeat_period) (setter set_heartbeat_period)
   *
   * How often, in milliseconds, the server sends a heartbeat when it has no
   * event to send; 0 turns heartbeats off.  A connection silent for twice
   * this period (plus a second) counts as lost: with
   * [property@MysqlBinlog.Stream:reconnect-attempts] the stream connects
   * again, otherwise it fails.
   *
   * Since: 1.0
   */
  properties[PROP_HEARTBEAT_PERIOD] =
    g_param_spec_uint ("heartbeat-period", NULL, NULL, 0, 4294967, 30000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:connect-timeout: (getter get_connect_timeout) (setter set_connect_timeout)
   *
   * How long, in seconds, connecting to the server may take: reaching it,
   * the TLS and login handshake, and every answer the server gives until
   * the binlog dump has started.  0 waits as long as the system does.  A
   * server that takes longer fails the connection with
   * %G_IO_ERROR_TIMED_OUT (retried as a lost connection is, see
   * [property@MysqlBinlog.Stream:reconnect-attempts]).  Once the dump runs,
   * silence is bounded by [property@MysqlBinlog.Stream:heartbeat-period]
   * instead: an idle server is silent for as long as it has nothing to
   * send.
   *
   * Since: 1.0
   */
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 0, 31536000, 10,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:reconnect-attempts: (getter get_reconnect_attempts) (setter set_reconnect_attempts)
   *
   * How many times in a row the stream tries to connect again when its
   * connection is lost (the server restarted, the replica connection was
   * killed, a network error, heartbeat silence) before it fails: 0 never
   * reconnects, -1 tries forever.  The count starts over once a connection
   * delivers events again.
   *
   * After reconnecting, the stream resumes at the last transaction
   * boundary and skips what it had already emitted: no row is lost or
   * emitted twice.  Before the first boundary it resumes where it
   * started: a stream that started at the server's current end asks for
   * the file and offset that end had then, not for the end the server has
   * by the time it reconnects.  A stream that started at a GTID set
   * reconnects by GTID, the others by file and offset.  When the binary
   * log it resumes in was purged meanwhile, the run fails with
   * %MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND.  Errors that another attempt
   * cannot fix (access denied, a purged or unknown position, a binary log
   * that is not row-based) fail at once.
   * [signal@MysqlBinlog.Stream::reconnecting] reports each attempt.
   *
   * Since: 1.0
   */
  properties[PROP_RECONNECT_ATTEMPTS] =
    g_param_spec_int ("reconnect-attempts", NULL, NULL, -1, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                      G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:reconnect-delay: (getter get_reconnect_delay) (setter set_reconnect_delay)
   *
   * The wait, in milliseconds, before the first attempt to connect again;
   * it doubles with each failed attempt, up to
   * [property@MysqlBinlog.Stream:reconnect-max-delay].
   *
   * Since: 1.0
   */
  properties[PROP_RECONNECT_DELAY] =
    g_param_spec_uint ("reconnect-delay", NULL, NULL, 0, G_MAXUINT, 500,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:reconnect-max-delay: (getter get_reconnect_max_delay) (setter set_reconnect_max_delay)
   *
   * The longest wait, in milliseconds, between two attempts to connect
   * again.
   *
   * Since: 1.0
   */
  properties[PROP_RECONNECT_MAX_DELAY] =
    g_param_spec_uint ("reconnect-max-delay", NULL, NULL, 0, G_MAXUINT, 30000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:save-interval: (getter get_save_interval) (setter set_save_interval)
   *
   * With a [property@MysqlBinlog.Stream:position-store]: save the position
   * at the first transaction boundary after this many milliseconds since
   * the last save, even if fewer than
   * [property@MysqlBinlog.Stream:save-transactions] transactions were
   * delivered; on an idle server, at the first heartbeat after that time
   * (see [property@MysqlBinlog.Stream:heartbeat-period]).  0: no time
   * limit.
   *
   * Since: 1.0
   */
  properties[PROP_SAVE_INTERVAL] =
    g_param_spec_uint ("save-interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:save-transactions: (getter get_save_transactions) (setter set_save_transactions)
   *
   * With a [property@MysqlBinlog.Stream:position-store]: save the position
   * after this many delivered transactions.  The default, 1, saves after
   * every transaction; 0 saves only as
   * [property@MysqlBinlog.Stream:save-interval] says (after every
   * transaction when that is 0 too).  The position is always saved when the
   * stream ends or is stopped.
   *
   * Since: 1.0
   */
  properties[PROP_SAVE_TRANSACTIONS] =
    g_param_spec_uint ("save-transactions", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:tls-mode: (getter get_tls_mode) (setter set_tls_mode)
   *
   * Whether and how the connections to the server are encrypted.  The
   * default, %MYSQL_BINLOG_TLS_MODE_PREFERRED, is the default of the MySQL
   * clients: encrypted when the server supports TLS, without checking its
   * certificate unless a certificate authority is set.  Use
   * %MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY (or
   * %MYSQL_BINLOG_TLS_MODE_VERIFY_CA) over untrusted networks.
   *
   * The connection that reads table definitions when the binary log lacks
   * column names uses the same settings.  A connection that cannot be
   * encrypted as the mode asks fails with
   * %MYSQL_BINLOG_ERROR_CONNECTION_FAILED.
   *
   * Since: 1.0
   */
  properties[PROP_TLS_MODE] =
    g_param_spec_enum ("tls-mode", NULL, NULL, MYSQL_BINLOG_TYPE_TLS_MODE,
                       MYSQL_BINLOG_TLS_MODE_PREFERRED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:tls-ca-file: (getter get_tls_ca_file) (setter set_tls_ca_file)
   *
   * A PEM file of the certificate authorities the server's certificate is
   * checked against (`--ssl-ca` of the MySQL clients).
   *
   * Since: 1.0
   */
  properties[PROP_TLS_CA_FILE] =
    g_param_spec_string ("tls-ca-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:tls-ca-directory: (getter get_tls_ca_directory) (setter set_tls_ca_directory)
   *
   * A directory of PEM certificate authorities, named by their hashes as
   * `openssl rehash` does (`--ssl-capath` of the MySQL clients).
   *
   * Since: 1.0
   */
  properties[PROP_TLS_CA_DIRECTORY] =
    g_param_spec_string ("tls-ca-directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:tls-cert-file: (getter get_tls_cert_file) (setter set_tls_cert_file)
   *
   * The PEM certificate the stream presents to the server, for accounts
   * created with `REQUIRE X509` or `REQUIRE SUBJECT` (`--ssl-cert`).  Its
   * key is [property@MysqlBinlog.Stream:tls-key-file].
   *
   * Since: 1.0
   */
  properties[PROP_TLS_CERT_FILE] =
    g_param_spec_string ("tls-cert-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:tls-key-file: (getter get_tls_key_file) (setter set_tls_key_file)
   *
   * The PEM private key of [property@MysqlBinlog.Stream:tls-cert-file]
   * (`--ssl-key`).
   *
   * Since: 1.0
   */
  properties[PROP_TLS_KEY_FILE] =
    g_param_spec_string ("tls-key-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:tls-cipher: (getter get_tls_cipher) (setter set_tls_cipher)
   *
   * The ciphers the stream accepts, as an OpenSSL cipher list such as
   * `ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256`
   * (`--ssl-cipher`); %NULL leaves the client library's default.
   *
   * Since: 1.0
   */
  properties[PROP_TLS_CIPHER] =
    g_param_spec_string ("tls-cipher", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MysqlBinlogStream::reconnecting:
   * @self: the stream
   * @attempt: the number of this attempt, from 1
   * @delay: the wait before the attempt, in milliseconds
   * @error: why the connection was lost
   *
   * Emitted when the stream lost its connection and is about to connect
   * again (see [property@MysqlBinlog.Stream:reconnect-attempts]), on the
   * thread that emits the other signals.
   *
   * Since: 1.0
   */
  signals[SIGNAL_RECONNECTING] =
    g_signal_new ("reconnecting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  _mysql_binlog_marshal_VOID__UINT_UINT_BOXED,
                  G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_ERROR);

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
                  MYSQL_BINLOG_TYPE_EVENT);
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
                  MYSQL_BINLOG_TYPE_POSITION);
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
                  MYSQL_BINLOG_TYPE_ROW);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_INSERTED], G_TYPE_FROM_CLASS (klass),
                              marshal_row_v);

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
                  MYSQL_BINLOG_TYPE_ROW,
                  MYSQL_BINLOG_TYPE_ROW);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_UPDATED], G_TYPE_FROM_CLASS (klass),
                              marshal_rows_v);

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
                  MYSQL_BINLOG_TYPE_ROW);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_DELETED], G_TYPE_FROM_CLASS (klass),
                              marshal_row_v);
}

static void
mysql_binlog_stream_init (MysqlBinlogStream *self)
{
  g_mutex_init (&self->lock);
  self->port = 3306;
  self->blocking = TRUE;
  self->tls.mode = MYSQL_BINLOG_TLS_MODE_PREFERRED;
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

/* The accessors of a string property held in @field of the stream. */
#define DEFINE_STRING_PROPERTY(name, field, prop, what)                                    \
  const char *                                                                             \
  mysql_binlog_stream_get_##name (MysqlBinlogStream *stream)                               \
  {                                                                                        \
    g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);                          \
    return stream->field;                                                                  \
  }                                                                                        \
                                                                                           \
  void                                                                                     \
  mysql_binlog_stream_set_##name (MysqlBinlogStream *stream,                               \
                                  const char        *what)                                 \
  {                                                                                        \
    g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));                                    \
    RETURN_IF_RUNNING (stream);                                                            \
    if (set_string (&stream->field, what))                                                 \
      g_object_notify_by_pspec (G_OBJECT (stream), properties[prop]);                      \
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
/**
 * mysql_binlog_stream_set_host: (set-property host)
 * @stream: a stream
 * @host: (nullable): a host name or address
 *
 * Sets the host the stream connects to.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (host, host, PROP_HOST, host)

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
/**
 * mysql_binlog_stream_set_user: (set-property user)
 * @stream: a stream
 * @user: (nullable): a user name
 *
 * Sets the account the stream connects as.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (user, user, PROP_USER, user)

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
/**
 * mysql_binlog_stream_set_socket: (set-property socket)
 * @stream: a stream
 * @socket: (nullable) (type filename): the path of the server's Unix socket
 *
 * Sets the Unix socket the stream connects to.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (socket, socket, PROP_SOCKET, socket)

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

#define DEFINE_UINT_PROPERTY(name, prop, what)                                             \
  guint                                                                                    \
  mysql_binlog_stream_get_##name (MysqlBinlogStream *stream)                               \
  {                                                                                        \
    g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);                             \
    return stream->name;                                                                   \
  }                                                                                        \
                                                                                           \
  void                                                                                     \
  mysql_binlog_stream_set_##name (MysqlBinlogStream *stream,                               \
                                  guint              what)                                 \
  {                                                                                        \
    g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));                                    \
    set_uint_property (stream, &stream->name, what, properties[prop]);                     \
  }

/**
 * mysql_binlog_stream_get_heartbeat_period: (get-property heartbeat-period)
 * @stream: a stream
 *
 * Gets how often, in milliseconds, the server sends a heartbeat when it has
 * no event to send.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:heartbeat-period]
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_heartbeat_period: (set-property heartbeat-period)
 * @stream: a stream
 * @period: the period in milliseconds, 0 to turn heartbeats off
 *
 * Sets how often, in milliseconds, the server sends a heartbeat when it has
 * no event to send.  Cannot change while the stream runs.
 *
 * Since: 1.0
 */
DEFINE_UINT_PROPERTY (heartbeat_period, PROP_HEARTBEAT_PERIOD, period)

/**
 * mysql_binlog_stream_get_connect_timeout: (get-property connect-timeout)
 * @stream: a stream
 *
 * Gets how long, in seconds, connecting to the server may take.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:connect-timeout]
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_connect_timeout: (set-property connect-timeout)
 * @stream: a stream
 * @timeout: the timeout in seconds, 0 for none
 *
 * Sets how long, in seconds, connecting to the server may take, the
 * handshake and the server's answers until the binlog dump starts
 * included.  Cannot change while the stream runs.
 *
 * Since: 1.0
 */
DEFINE_UINT_PROPERTY (connect_timeout, PROP_CONNECT_TIMEOUT, timeout)

/**
 * mysql_binlog_stream_get_reconnect_attempts: (get-property reconnect-attempts)
 * @stream: a stream
 *
 * Gets how many times in a row the stream tries to connect again after
 * losing its connection.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:reconnect-attempts]
 *
 * Since: 1.0
 */
int
mysql_binlog_stream_get_reconnect_attempts (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);
  return stream->reconnect_attempts;
}

/**
 * mysql_binlog_stream_set_reconnect_attempts: (set-property reconnect-attempts)
 * @stream: a stream
 * @attempts: how many attempts: 0 never reconnects, -1 tries forever
 *
 * Sets how many times in a row the stream tries to connect again after
 * losing its connection.  Cannot change while the stream runs.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_reconnect_attempts (MysqlBinlogStream *stream,
                                            int                attempts)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (attempts >= -1);
  RETURN_IF_RUNNING (stream);
  if (stream->reconnect_attempts == attempts)
    return;
  stream->reconnect_attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_RECONNECT_ATTEMPTS]);
}

/**
 * mysql_binlog_stream_get_reconnect_delay: (get-property reconnect-delay)
 * @stream: a stream
 *
 * Gets the wait, in milliseconds, before the first attempt to connect again.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:reconnect-delay]
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_reconnect_delay: (set-property reconnect-delay)
 * @stream: a stream
 * @delay: the wait in milliseconds
 *
 * Sets the wait, in milliseconds, before the first attempt to connect again.
 * Cannot change while the stream runs.
 *
 * Since: 1.0
 */
DEFINE_UINT_PROPERTY (reconnect_delay, PROP_RECONNECT_DELAY, delay)

/**
 * mysql_binlog_stream_get_reconnect_max_delay: (get-property reconnect-max-delay)
 * @stream: a stream
 *
 * Gets the longest wait, in milliseconds, between two attempts to connect
 * again.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:reconnect-max-delay]
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_reconnect_max_delay: (set-property reconnect-max-delay)
 * @stream: a stream
 * @delay: the longest wait in milliseconds
 *
 * Sets the longest wait, in milliseconds, between two attempts to connect
 * again.  Cannot change while the stream runs.
 *
 * Since: 1.0
 */
DEFINE_UINT_PROPERTY (reconnect_max_delay, PROP_RECONNECT_MAX_DELAY, delay)

/**
 * mysql_binlog_stream_get_save_interval: (get-property save-interval)
 * @stream: a stream
 *
 * Gets the time, in milliseconds, after which the position is saved at the
 * next transaction boundary.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:save-interval]
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_save_interval: (set-property save-interval)
 * @stream: a stream
 * @interval: the time in milliseconds, 0 for no time limit
 *
 * Sets the time, in milliseconds, after which the position is saved at the
 * next transaction boundary.  Cannot change while the stream runs.
 *
 * Since: 1.0
 */
DEFINE_UINT_PROPERTY (save_interval, PROP_SAVE_INTERVAL, interval)

/**
 * mysql_binlog_stream_get_save_transactions: (get-property save-transactions)
 * @stream: a stream
 *
 * Gets after how many delivered transactions the position is saved.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:save-transactions]
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_save_transactions: (set-property save-transactions)
 * @stream: a stream
 * @transactions: the number of transactions
 *
 * Sets after how many delivered transactions the position is saved. Cannot
 * change while the stream runs.
 *
 * Since: 1.0
 */
DEFINE_UINT_PROPERTY (save_transactions, PROP_SAVE_TRANSACTIONS, transactions)

/**
 * mysql_binlog_stream_get_file: (get-property file)
 * @stream: a stream
 *
 * Gets the binary log file a stream made by
 * [ctor@MysqlBinlog.Stream.new_for_file] reads.
 *
 * Returns: (transfer none) (nullable): the file, or %NULL for a stream
 *   that reads from a server
 *
 * Since: 1.0
 */
GFile *
mysql_binlog_stream_get_file (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  return stream->source_file;
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
 * mysql_binlog_stream_get_position_store: (get-property position-store)
 * @stream: a stream
 *
 * Gets the store that keeps the stream's position in replication mode.
 *
 * Returns: (nullable) (transfer none): the position store
 *
 * Since: 1.0
 */
MysqlBinlogPositionStore *
mysql_binlog_stream_get_position_store (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  return stream->position_store;
}

/**
 * mysql_binlog_stream_set_position_store: (set-property position-store)
 * @stream: a stream
 * @store: (nullable): a position store
 *
 * Sets the store that keeps the stream's position: replication mode (see
 * [property@MysqlBinlog.Stream:position-store]).
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_position_store (MysqlBinlogStream        *stream,
                                        MysqlBinlogPositionStore *store)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (store == NULL || MYSQL_BINLOG_IS_POSITION_STORE (store));
  RETURN_IF_RUNNING (stream);
  if (g_set_object (&stream->position_store, store))
    g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_POSITION_STORE]);
}

/**
 * mysql_binlog_stream_get_tls_mode: (get-property tls-mode)
 * @stream: a stream
 *
 * Gets how the stream encrypts its connections.
 *
 * Returns: the TLS mode
 *
 * Since: 1.0
 */
MysqlBinlogTlsMode
mysql_binlog_stream_get_tls_mode (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), MYSQL_BINLOG_TLS_MODE_PREFERRED);
  return stream->tls.mode;
}

/**
 * mysql_binlog_stream_set_tls_mode: (set-property tls-mode)
 * @stream: a stream
 * @mode: a TLS mode
 *
 * Sets how the stream encrypts its connections.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_tls_mode (MysqlBinlogStream  *stream,
                                  MysqlBinlogTlsMode  mode)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (mode <= MYSQL_BINLOG_TLS_MODE_VERIFY_IDENTITY);
  RETURN_IF_RUNNING (stream);
  if (stream->tls.mode == mode)
    return;
  stream->tls.mode = mode;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_TLS_MODE]);
}

/**
 * mysql_binlog_stream_get_tls_ca_file: (get-property tls-ca-file)
 * @stream: a stream
 *
 * Gets the file of certificate authorities the server's certificate is checked against.
 *
 * Returns: (nullable) (type filename): the path, or %NULL
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_tls_ca_file: (set-property tls-ca-file)
 * @stream: a stream
 * @path: (nullable) (type filename): a path, or %NULL
 *
 * Sets the file of certificate authorities the server's certificate is checked against.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (tls_ca_file, tls.ca_file, PROP_TLS_CA_FILE, path)

/**
 * mysql_binlog_stream_get_tls_ca_directory: (get-property tls-ca-directory)
 * @stream: a stream
 *
 * Gets the directory of certificate authorities the server's certificate is checked against.
 *
 * Returns: (nullable) (type filename): the path, or %NULL
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_tls_ca_directory: (set-property tls-ca-directory)
 * @stream: a stream
 * @path: (nullable) (type filename): a path, or %NULL
 *
 * Sets the directory of certificate authorities the server's certificate is checked against.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (tls_ca_directory, tls.ca_directory, PROP_TLS_CA_DIRECTORY, path)

/**
 * mysql_binlog_stream_get_tls_cert_file: (get-property tls-cert-file)
 * @stream: a stream
 *
 * Gets the certificate the stream presents to the server.
 *
 * Returns: (nullable) (type filename): the path, or %NULL
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_tls_cert_file: (set-property tls-cert-file)
 * @stream: a stream
 * @path: (nullable) (type filename): a path, or %NULL
 *
 * Sets the certificate the stream presents to the server.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (tls_cert_file, tls.cert_file, PROP_TLS_CERT_FILE, path)

/**
 * mysql_binlog_stream_get_tls_key_file: (get-property tls-key-file)
 * @stream: a stream
 *
 * Gets the private key of the stream's certificate.
 *
 * Returns: (nullable) (type filename): the path, or %NULL
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_tls_key_file: (set-property tls-key-file)
 * @stream: a stream
 * @path: (nullable) (type filename): a path, or %NULL
 *
 * Sets the private key of the stream's certificate.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (tls_key_file, tls.key_file, PROP_TLS_KEY_FILE, path)

/**
 * mysql_binlog_stream_get_tls_cipher: (get-property tls-cipher)
 * @stream: a stream
 *
 * Gets the list of ciphers the stream accepts.
 *
 * Returns: (nullable): the cipher list, or %NULL
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_tls_cipher: (set-property tls-cipher)
 * @stream: a stream
 * @cipher: (nullable): an OpenSSL cipher list, or %NULL
 *
 * Sets the list of ciphers the stream accepts.
 *
 * Since: 1.0
 */
DEFINE_STRING_PROPERTY (tls_cipher, tls.cipher, PROP_TLS_CIPHER, cipher)

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
  AsyncRun *run = NULL;

  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));

  g_atomic_int_set (&stream->stop_requested, 1);
  g_mutex_lock (&stream->lock);
  if (stream->run != NULL)
    _mysql_binlog_run_interrupt (stream->run);
  if (stream->async != NULL)
    run = async_run_ref (stream->async);
  g_mutex_unlock (&stream->lock);

  if (run != NULL)
    {
      async_run_wake (run);
      async_run_unref (run);
    }
}

/**
 * mysql_binlog_stream_fail:
 * @stream: a running stream
 * @error: why the handler failed
 *
 * Ends the running stream because a handler could not handle what it was
 * given: once the handler that calls this returns, nothing more is
 * emitted, and [method@MysqlBinlog.Stream.run] (or
 * [method@MysqlBinlog.Stream.run_finish]) fails with a copy of @error,
 * whatever the run's outcome would have been otherwise.
 *
 * The transaction being delivered is not checkpointed: no
 * [signal@MysqlBinlog.Stream::binlog-position] is emitted for it or for
 * anything after it, [method@MysqlBinlog.Stream.get_position] stays at the
 * end of the transaction before it, and the
 * [property@MysqlBinlog.Stream:position-store] saves no later position
 * (it still saves the transactions delivered before that one, which
 * [property@MysqlBinlog.Stream:save-transactions] may have held back).  A
 * run restarted from the store therefore delivers the failed transaction
 * again, from its first row.
 *
 * Call it from a handler of any of the stream's signals.  Called from a
 * [signal@MysqlBinlog.Stream::binlog-position] handler, it means the
 * transaction that ends at that position failed: the position is not
 * kept (get_position() returns the one before) and not saved.  Called from
 * another thread while the stream runs, the run ends as promptly as
 * [method@MysqlBinlog.Stream.stop] ends it, and no position reached after
 * the call is kept or saved.
 *
 * Called while the [property@MysqlBinlog.Stream:position-store] loads the
 * position to start from, it makes the run fail at once, before anything
 * is read.
 *
 * Only the first call of a run counts: later ones, and the outcome of the
 * run itself (a cancellation, a lost connection), give way to the first
 * error.  Calling it while the stream is not running is a programmer error:
 * it logs a critical warning and does nothing, and the next run does not
 * see it.
 *
 * In Python an exception raised by a handler connected with `connect()`
 * calls this, and `run()` raises that exception.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_fail (MysqlBinlogStream *stream,
                          const GError      *error)
{
  GError *copy;

  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (error != NULL);
  g_return_if_fail (is_running (stream));

  copy = g_error_copy (error);
  if (!g_atomic_pointer_compare_and_exchange (&stream->failure, NULL, copy))
    {
      g_error_free (copy);
      return;
    }
  mysql_binlog_stream_stop (stream);
}

static void
on_cancelled (GCancellable      *cancellable,
              MysqlBinlogStream *self)
{
  mysql_binlog_stream_stop (self);
}

/* What the reading side hands to the side that emits the signals. */
typedef enum {
  ITEM_EVENT,
  ITEM_ROWS,
  ITEM_POSITION,
  ITEM_RECONNECTING,
  ITEM_IDLE,
  ITEM_END,
} ItemKind;

struct _Item
{
  ItemKind kind;
  guint signal_id;
  GQuark detail;
  gpointer a;        /* the event, the (before) row or the position */
  gpointer b;        /* the row after an update */
  guint attempt;
  guint delay;
  gboolean ok;
  GError *error;
  gsize cost;        /* bytes of binlog it keeps alive, for the async queue */
};

static void
item_free (Item *item)
{
  switch (item->kind)
    {
    case ITEM_EVENT:
      mysql_binlog_event_unref (item->a);
      break;
    case ITEM_ROWS:
      mysql_binlog_row_unref (item->a);
      if (item->b != NULL)
        mysql_binlog_row_unref (item->b);
      break;
    case ITEM_POSITION:
      mysql_binlog_position_unref (item->a);
      break;
    case ITEM_RECONNECTING:
    case ITEM_IDLE:
    case ITEM_END:
      break;
    }
  g_clear_error (&item->error);
  g_free (item);
}

/* The handlers of everything before @position have returned: publish it,
 * tell the handlers, and save it when it is time to. */
static void
position_delivered (MysqlBinlogStream   *self,
                    MysqlBinlogPosition *position)
{
  g_autoptr(MysqlBinlogPosition) previous = NULL;

  g_mutex_lock (&self->lock);
  previous = g_steal_pointer (&self->position);
  self->position = mysql_binlog_position_ref (position);
  g_mutex_unlock (&self->lock);

  if (g_signal_has_handler_pending (self, signals[SIGNAL_BINLOG_POSITION], 0, FALSE))
    g_signal_emit (self, signals[SIGNAL_BINLOG_POSITION], 0, position);

  /* A handler of this position failed: the transaction that ends here is
   * not done, so the position is neither kept nor saved. */
  if (has_failed (self))
    {
      g_mutex_lock (&self->lock);
      g_clear_pointer (&self->position, mysql_binlog_position_unref);
      self->position = g_steal_pointer (&previous);
      g_mutex_unlock (&self->lock);
      return;
    }

  if (!_mysql_binlog_checkpoint_delivered (_mysql_binlog_run_get_checkpoint (self->run), position))
    mysql_binlog_stream_stop (self);
}

/* On the thread that emits the signals. */
static void
item_deliver (MysqlBinlogStream *self,
              Item              *item)
{
  /* Once a handler failed, nothing after it is delivered. */
  if (has_failed (self))
    return;

  switch (item->kind)
    {
    case ITEM_EVENT:
      g_signal_emit (self, signals[SIGNAL_BINLOG], 0, item->a);
      break;
    case ITEM_ROWS:
      if (item->b != NULL)
        g_signal_emit (self, item->signal_id, item->detail, item->a, item->b);
      else
        g_signal_emit (self, item->signal_id, item->detail, item->a);
      break;
    case ITEM_POSITION:
      position_delivered (self, item->a);
      break;
    case ITEM_RECONNECTING:
      g_signal_emit (self, signals[SIGNAL_RECONNECTING], 0, item->attempt, item->delay,
                     item->error);
      break;
    case ITEM_IDLE:
      /* No transaction for a while: save what save-interval held back. */
      if (!_mysql_binlog_checkpoint_idle (_mysql_binlog_run_get_checkpoint (self->run)))
        mysql_binlog_stream_stop (self);
      break;
    case ITEM_END:
      break;
    }
}

static void async_run_push (AsyncRun *run,
                            Item     *item);

/* The reading side: emits now (run) or queues for the caller's context
 * (run_async).  Takes @item. */
static void
deliver (MysqlBinlogStream *self,
         Item              *item)
{
  if (self->async != NULL)
    {
      async_run_push (self->async, item);
      return;
    }
  item_deliver (self, item);
  item_free (item);
}

/* The stream is the sink of its runs. */

static gboolean
sink_stop_requested (gpointer data)
{
  MysqlBinlogStream *self = data;

  return g_atomic_int_get (&self->stop_requested) != 0;
}

static gboolean
sink_wants_events (gpointer data)
{
  return g_signal_has_handler_pending (data, signals[SIGNAL_BINLOG], 0, FALSE);
}

static guint
sink_rows_signal (gpointer data,
                  guint8   kind,
                  GQuark   detail)
{
  guint signal_id = kind == 'i' ? signals[SIGNAL_ROWS_INSERTED]
                  : kind == 'u' ? signals[SIGNAL_ROWS_UPDATED]
                  : signals[SIGNAL_ROWS_DELETED];

  /* A detailed lookup finds only the handlers of that detail, so ask
   * for the table's handlers and for those of every table. */
  if (!g_signal_has_handler_pending (data, signal_id, 0, FALSE) &&
      (detail == 0 || !g_signal_has_handler_pending (data, signal_id, detail, FALSE)))
    return 0;
  return signal_id;
}

static void
sink_event (gpointer          data,
            MysqlBinlogEvent *event,
            gsize             cost)
{
  MysqlBinlogStream *self = data;
  Item *item;

  if (self->async == NULL)
    {
      if (!has_failed (self))
        g_signal_emit (self, signals[SIGNAL_BINLOG], 0, event);
      mysql_binlog_event_unref (event);
      return;
    }
  item = g_new0 (Item, 1);
  item->kind = ITEM_EVENT;
  item->a = event;
  item->cost = cost;
  deliver (self, item);
}

static void
sink_rows (gpointer        data,
           guint           signal_id,
           GQuark          detail,
           MysqlBinlogRow *row,
           MysqlBinlogRow *after,
           gsize           cost)
{
  MysqlBinlogStream *self = data;
  Item *item;

  if (self->async == NULL)
    {
      if (has_failed (self))
        return;
      if (after != NULL)
        g_signal_emit (self, signal_id, detail, row, after);
      else
        g_signal_emit (self, signal_id, detail, row);
      return;
    }
  item = g_new0 (Item, 1);
  item->kind = ITEM_ROWS;
  item->signal_id = signal_id;
  item->detail = detail;
  item->a = mysql_binlog_row_ref (row);
  item->b = after != NULL ? mysql_binlog_row_ref (after) : NULL;
  item->cost = cost;
  deliver (self, item);
}

static void
sink_position (gpointer             data,
               MysqlBinlogPosition *position)
{
  Item *item = g_new0 (Item, 1);

  item->kind = ITEM_POSITION;
  item->a = position;
  deliver (data, item);
}

static void
sink_idle (gpointer data)
{
  Item *item = g_new0 (Item, 1);

  item->kind = ITEM_IDLE;
  deliver (data, item);
}

static void
sink_reconnecting (gpointer      data,
                   guint         attempt,
                   guint         delay,
                   const GError *error)
{
  Item *item = g_new0 (Item, 1);

  item->kind = ITEM_RECONNECTING;
  item->attempt = attempt;
  item->delay = delay;
  item->error = g_error_copy (error);
  deliver (data, item);
}

/* Where the stream starts, before any transaction: what get_position()
 * returns until the first transaction is delivered. */
static void
sink_start (gpointer             data,
            MysqlBinlogPosition *position)
{
  MysqlBinlogStream *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->position, mysql_binlog_position_unref);
  self->position = position;
  g_mutex_unlock (&self->lock);
}

static const MysqlBinlogSinkFuncs stream_sink_funcs = {
  .stop_requested = sink_stop_requested,
  .wants_events = sink_wants_events,
  .rows_signal = sink_rows_signal,
  .event = sink_event,
  .rows = sink_rows,
  .position = sink_position,
  .idle = sink_idle,
  .reconnecting = sink_reconnecting,
  .start = sink_start,
};

/* Reads what the stream was made for: a file or a server. */
static gboolean
run_source (MysqlBinlogStream  *self,
            GCancellable       *cancellable,
            GError            **error)
{
  return _mysql_binlog_run_read (self->run, cancellable, error);
}

/* Runs on the thread that owns the signals, before the I/O starts. */
static gboolean
begin_run (MysqlBinlogStream  *self,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(MysqlBinlogPosition) stored = NULL;
  MysqlBinlogRunSettings settings;
  MysqlBinlogSink sink = { &stream_sink_funcs, self };
  MysqlBinlogRun *run;

  if (!g_atomic_int_compare_and_exchange (&self->running, 0, 1))
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The stream is already running");
      return FALSE;
    }

  clear_failure (self);
  if (self->position_store != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      stored = mysql_binlog_position_store_load (self->position_store, cancellable, &local_error);
      /* fail() while the store loads (a binding does so for an exception
       * raised in a store written in its language): the load did not
       * work, whatever it returned. */
      if (local_error == NULL)
        local_error = g_atomic_pointer_exchange (&self->failure, NULL);
      clear_failure (self);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "Loading the position to start from: ");
          g_atomic_int_set (&self->running, 0);
          return FALSE;
        }
    }

  g_atomic_int_set (&self->stop_requested, 0);
  if (stored == NULL && self->start_position != NULL)
    stored = mysql_binlog_position_ref (self->start_position);
  /* The settings the run keeps, taken once the properties are locked:
   * a setter refuses to change them now. */
  settings = (MysqlBinlogRunSettings) {
    .host = self->host,
    .port = self->port,
    .user = self->user,
    .password = self->password,
    .socket = self->socket,
    .tls = &self->tls,
    .server_id = self->server_id,
    .blocking = self->blocking,
    .only_schemas = (const char * const *) self->only_schemas,
    .ignored_schemas = (const char * const *) self->ignored_schemas,
    .only_tables = (const char * const *) self->only_tables,
    .ignored_tables = (const char * const *) self->ignored_tables,
    .file = self->source_file,
    .position_store = self->position_store,
    .heartbeat_period = self->heartbeat_period,
    .connect_timeout = self->connect_timeout,
    .reconnect_attempts = self->reconnect_attempts,
    .reconnect_delay = self->reconnect_delay,
    .reconnect_max_delay = self->reconnect_max_delay,
    .save_interval = self->save_interval,
    .save_transactions = self->save_transactions,
  };
  run = _mysql_binlog_run_new (&sink, &settings, g_steal_pointer (&stored));
  g_mutex_lock (&self->lock);
  self->run = run;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* Runs on the I/O thread after the stream ended: frees what the run used. */
static void
release_run (MysqlBinlogStream *self)
{
  _mysql_binlog_run_release (self->run);
}

/* Runs on the thread that owns the signals: saves the last position and
 * turns the outcome into the run's result. */
static gboolean
end_run (MysqlBinlogStream  *self,
         GCancellable       *cancellable,
         gboolean            ok,
         GError             *run_error,
         GError            **error)
{
  g_autoptr(GError) save_error = NULL;
  g_autoptr(GError) failure = NULL;
  MysqlBinlogCheckpoint *checkpoint;
  MysqlBinlogRun *run;

  /* Whatever the outcome, the transactions delivered so far are done; after
   * a handler failed, those before the one it failed on. */
  checkpoint = _mysql_binlog_run_get_checkpoint (self->run);
  _mysql_binlog_checkpoint_flush (checkpoint);
  save_error = _mysql_binlog_checkpoint_take_error (checkpoint);
  g_mutex_lock (&self->lock);
  run = g_steal_pointer (&self->run);
  g_mutex_unlock (&self->lock);
  _mysql_binlog_run_free (run);
  failure = g_atomic_pointer_exchange (&self->failure, NULL);

  if (failure != NULL)
    {
      /* What the handler said is why the run ended; a position store
       * failing too comes second, and only costs a repeated transaction. */
      if (save_error != NULL)
        g_warning ("A handler failed the stream, and saving its position failed too: %s",
                   save_error->message);
      g_propagate_error (error, g_steal_pointer (&failure));
      ok = FALSE;
    }
  else if (save_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&save_error),
                                  "Saving the stream's position: ");
      ok = FALSE;
    }
  else if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (!ok && g_atomic_int_get (&self->stop_requested) &&
           g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ok = TRUE;  /* stop() interrupted a read */
  else if (!ok)
    g_propagate_error (error, g_error_copy (run_error));

  g_atomic_int_set (&self->running, 0);
  return ok;
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
 * With a [property@MysqlBinlog.Stream:position-store], the stream starts
 * from the stored position and saves the position as transactions are
 * delivered (see the property).  With
 * [property@MysqlBinlog.Stream:reconnect-attempts], a lost connection is
 * opened again and the stream goes on where it was, without losing or
 * repeating a row.
 *
 * Cancelling @cancellable interrupts the stream as promptly as
 * [method@MysqlBinlog.Stream.stop] does, and makes this function fail with
 * %G_IO_ERROR_CANCELLED.  A handler that calls
 * [method@MysqlBinlog.Stream.fail] makes it fail with the handler's error,
 * and the transaction it failed on is not checkpointed.
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

  if (!begin_run (stream, cancellable, error))
    return FALSE;

  g_object_ref (stream);
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), stream, NULL);

  ok = run_source (stream, cancellable, &local_error);

  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);
  release_run (stream);

  ok = end_run (stream, cancellable, ok, local_error, error);
  g_object_unref (stream);
  return ok;
}

/* Asynchronous runs: the I/O and decoding run on a thread of their own,
 * which hands every emission to the caller's main context through a
 * bounded queue. */

/* At most this many emissions wait in the queue: the reader blocks until
 * the main context catches up. */
#define ASYNC_QUEUE_LENGTH 1024
/* ... and at most this many bytes of binlog (events and the events rows
 * point into), however large the rows: one emission larger than that
 * waits for an empty queue. */
#define ASYNC_QUEUE_BYTES (16 * 1024 * 1024)
/* Emissions handled per dispatch at most, and the time they may take, so
 * that the main loop stays responsive (a frame lasts 16 ms). */
#define ASYNC_BATCH 256
#define ASYNC_BATCH_USEC 8000

static gboolean
async_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs async_source_funcs = {
  .dispatch = async_source_dispatch,
};

struct _AsyncRun
{
  gatomicrefcount ref_count;
  MysqlBinlogStream *stream;
  GTask *task;
  GSource *source;
  GThread *thread;
  GCancellable *cancellable;
  gulong cancel_id;

  GMutex lock;
  GCond space;
  GQueue items;
  gsize queued_bytes;
  gboolean stopping;
};

static AsyncRun *
async_run_ref (AsyncRun *run)
{
  g_atomic_ref_count_inc (&run->ref_count);
  return run;
}

static void
async_run_unref (AsyncRun *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;
  g_queue_clear_full (&run->items, (GDestroyNotify) item_free);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->space);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->task);
  g_free (run);
}

/* Wakes a reader that waits for room in the queue (stop()). */
static void
async_run_wake (AsyncRun *run)
{
  g_mutex_lock (&run->lock);
  run->stopping = TRUE;
  g_cond_broadcast (&run->space);
  g_mutex_unlock (&run->lock);
}

/* The I/O thread: queues @item, waiting for room.  The end of the run is
 * always queued; other emissions are dropped once the stream stops. */
static void
async_run_push (AsyncRun *run,
                Item     *item)
{
  gboolean was_empty;

  g_mutex_lock (&run->lock);
  while (item->kind != ITEM_END && !run->stopping &&
         (run->items.length >= ASYNC_QUEUE_LENGTH ||
          (run->items.length > 0 && run->queued_bytes + item->cost > ASYNC_QUEUE_BYTES)))
    g_cond_wait (&run->space, &run->lock);
  if (item->kind != ITEM_END && run->stopping)
    {
      g_mutex_unlock (&run->lock);
      item_free (item);
      return;
    }
  was_empty = run->items.length == 0;
  run->queued_bytes += item->cost;
  g_queue_push_tail (&run->items, item);
  if (was_empty)
    g_source_set_ready_time (run->source, 0);
  g_mutex_unlock (&run->lock);
}

static gboolean
async_run_dispatch (gpointer user_data)
{
  AsyncRun *run = user_data;
  MysqlBinlogStream *self = run->stream;
  gint64 until = g_get_monotonic_time () + ASYNC_BATCH_USEC;

  for (guint n = 0; n < ASYNC_BATCH && g_get_monotonic_time () < until; n++)
    {
      Item *item;

      g_mutex_lock (&run->lock);
      item = g_queue_pop_head (&run->items);
      if (item != NULL)
        run->queued_bytes -= item->cost;
      g_cond_signal (&run->space);
      if (item == NULL)
        {
          g_source_set_ready_time (run->source, -1);
          g_mutex_unlock (&run->lock);
          return G_SOURCE_CONTINUE;
        }
      g_mutex_unlock (&run->lock);

      if (item->kind == ITEM_END)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GTask) task = g_steal_pointer (&run->task);
          gboolean ok;

          if (run->cancel_id != 0)
            g_cancellable_disconnect (run->cancellable, run->cancel_id);
          run->cancel_id = 0;
          g_thread_join (g_steal_pointer (&run->thread));
          release_run (self);
          g_mutex_lock (&self->lock);
          self->async = NULL;
          g_mutex_unlock (&self->lock);
          ok = end_run (self, run->cancellable, item->ok, item->error, &error);
          item_free (item);
          g_source_destroy (run->source);
          if (ok)
            g_task_return_boolean (task, TRUE);
          else
            g_task_return_error (task, g_steal_pointer (&error));
          return G_SOURCE_REMOVE;
        }

      /* Once stopped, nothing more is delivered. */
      if (!g_atomic_int_get (&self->stop_requested))
        item_deliver (self, item);
      item_free (item);
    }

  return G_SOURCE_CONTINUE;
}

static gpointer
async_run_thread (gpointer user_data)
{
  AsyncRun *run = user_data;
  Item *end = g_new0 (Item, 1);

  end->kind = ITEM_END;
  end->ok = run_source (run->stream, run->cancellable, &end->error);
  async_run_push (run, end);
  async_run_unref (run);
  return NULL;
}

static void
async_on_cancelled (GCancellable *cancellable,
                    AsyncRun     *run)
{
  mysql_binlog_stream_stop (run->stream);
}

/**
 * mysql_binlog_stream_run_async:
 * @stream: a stream
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (closure user_data): called when the stream ends
 * @user_data: data for @callback
 *
 * Runs the stream like [method@MysqlBinlog.Stream.run] without blocking the
 * caller: the network I/O and the decoding run on a thread of their own,
 * and every signal is emitted on the thread-default [struct@GLib.MainContext]
 * of the caller (the main loop of a GTK or GApplication program), in
 * binlog order.  The position store, when set, is used on that context too.
 *
 * At most 1024 emissions, holding at most 16 MiB of the binary log, wait
 * for the main context, so the memory stays bounded whatever the rate of
 * changes and the size of the rows: the reading thread waits while the
 * handlers catch up.
 *
 * [method@MysqlBinlog.Stream.stop] or cancelling @cancellable ends the run
 * promptly: emissions still waiting are dropped, the last delivered
 * position is saved, and @callback runs.  Call
 * [method@MysqlBinlog.Stream.run_finish] there to get the result.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_run_async (MysqlBinlogStream   *stream,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AsyncRun *run;

  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, mysql_binlog_stream_run_async);

  if (!begin_run (stream, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run = g_new0 (AsyncRun, 1);
  g_atomic_ref_count_init (&run->ref_count);
  g_mutex_init (&run->lock);
  g_cond_init (&run->space);
  g_queue_init (&run->items);
  run->stream = stream;  /* the task holds a reference */
  run->task = g_steal_pointer (&task);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  run->source = g_source_new (&async_source_funcs, sizeof (GSource));
  g_source_set_callback (run->source, async_run_dispatch, async_run_ref (run),
                         (GDestroyNotify) async_run_unref);
  g_source_set_priority (run->source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (run->source, "MysqlBinlogStream");
  g_source_set_ready_time (run->source, -1);
  g_source_attach (run->source, g_task_get_context (run->task));
  g_source_unref (run->source);

  g_mutex_lock (&stream->lock);
  stream->async = run;
  g_mutex_unlock (&stream->lock);

  if (cancellable != NULL)
    run->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (async_on_cancelled),
                                            run, NULL);

  run->thread = g_thread_new ("mysql-binlog", async_run_thread, async_run_ref (run));
  /* The source and the thread hold their own references. */
  async_run_unref (run);
}

/**
 * mysql_binlog_stream_run_finish:
 * @stream: a stream
 * @result: the result given to the callback of [method@MysqlBinlog.Stream.run_async]
 * @error: return location for a #GError, or %NULL
 *
 * Gets the result of [method@MysqlBinlog.Stream.run_async].
 *
 * Returns: %TRUE when the stream reached its end or was stopped, %FALSE
 *   with @error set otherwise (%G_IO_ERROR_CANCELLED when cancelled, the
 *   error given to [method@MysqlBinlog.Stream.fail] when a handler failed)
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_stream_run_finish (MysqlBinlogStream  *stream,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mysql_binlog_stream_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
