/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The properties of MysqlBinlogStream: GObject's get_property and
 * set_property, and the typed getters and setters, over the stream's
 * MysqlBinlogStreamSettings.  A setter refuses to change a running stream
 * and notifies only a change. */

#include "config.h"

#include <string.h>

#include "mysql-binlog-stream-private.h"
#include "mysql-binlog-enum-types.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-position-store.h"

/* The pspecs class_init installed. */
static GParamSpec ** const properties = _mysql_binlog_stream_properties;

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

void
_mysql_binlog_stream_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MysqlBinlogStream *self = MYSQL_BINLOG_STREAM (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->settings.host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->settings.port);
      break;
    case PROP_USER:
      g_value_set_string (value, self->settings.user);
      break;
    case PROP_SOCKET:
      g_value_set_string (value, self->settings.socket);
      break;
    case PROP_SERVER_ID:
      g_value_set_uint (value, self->settings.server_id);
      break;
    case PROP_START_POSITION:
      g_value_set_boxed (value, self->settings.start_position);
      break;
    case PROP_BLOCKING:
      g_value_set_boolean (value, self->settings.blocking);
      break;
    case PROP_ONLY_SCHEMAS:
      g_value_set_boxed (value, self->settings.only_schemas);
      break;
    case PROP_IGNORED_SCHEMAS:
      g_value_set_boxed (value, self->settings.ignored_schemas);
      break;
    case PROP_ONLY_TABLES:
      g_value_set_boxed (value, self->settings.only_tables);
      break;
    case PROP_IGNORED_TABLES:
      g_value_set_boxed (value, self->settings.ignored_tables);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->settings.file);
      break;
    case PROP_POSITION_STORE:
      g_value_set_object (value, self->settings.position_store);
      break;
    case PROP_HEARTBEAT_PERIOD:
      g_value_set_uint (value, self->settings.heartbeat_period);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->settings.connect_timeout);
      break;
    case PROP_RECONNECT_ATTEMPTS:
      g_value_set_int (value, self->settings.reconnect_attempts);
      break;
    case PROP_RECONNECT_DELAY:
      g_value_set_uint (value, self->settings.reconnect_delay);
      break;
    case PROP_RECONNECT_MAX_DELAY:
      g_value_set_uint (value, self->settings.reconnect_max_delay);
      break;
    case PROP_SAVE_INTERVAL:
      g_value_set_uint (value, self->settings.save_interval);
      break;
    case PROP_SAVE_TRANSACTIONS:
      g_value_set_uint (value, self->settings.save_transactions);
      break;
    case PROP_TLS_MODE:
      g_value_set_enum (value, self->settings.tls.mode);
      break;
    case PROP_TLS_CA_FILE:
      g_value_set_string (value, self->settings.tls.ca_file);
      break;
    case PROP_TLS_CA_DIRECTORY:
      g_value_set_string (value, self->settings.tls.ca_directory);
      break;
    case PROP_TLS_CERT_FILE:
      g_value_set_string (value, self->settings.tls.cert_file);
      break;
    case PROP_TLS_KEY_FILE:
      g_value_set_string (value, self->settings.tls.key_file);
      break;
    case PROP_TLS_CIPHER:
      g_value_set_string (value, self->settings.tls.cipher);
      break;
    case PROP_SCHEMA_UNKNOWN:
      g_value_set_enum (value, self->settings.schema_unknown);
      break;
    case PROP_SCHEMA_SOURCE:
      g_value_set_object (value, self->settings.schema_source);
      break;
    case PROP_SNAPSHOT:
      g_value_set_enum (value, self->settings.snapshot);
      break;
    case PROP_SNAPSHOT_CHUNK_SIZE:
      g_value_set_uint (value, self->settings.snapshot_chunk_size);
      break;
    default:
      /* What the stream is doing (mysql-binlog-stream-state.c). */
      if (!_mysql_binlog_stream_get_state_property (self, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_mysql_binlog_stream_set_property (GObject      *object,
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
      g_set_object (&self->settings.file, g_value_get_object (value));
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
    case PROP_POSITION_NOTIFY_INTERVAL:
      mysql_binlog_stream_set_position_notify_interval (self, g_value_get_uint (value));
      break;
    case PROP_SCHEMA_UNKNOWN:
      mysql_binlog_stream_set_schema_unknown (self, g_value_get_enum (value));
      break;
    case PROP_SCHEMA_SOURCE:
      mysql_binlog_stream_set_schema_source (self, g_value_get_object (value));
      break;
    case PROP_SNAPSHOT:
      mysql_binlog_stream_set_snapshot (self, g_value_get_enum (value));
      break;
    case PROP_SNAPSHOT_CHUNK_SIZE:
      mysql_binlog_stream_set_snapshot_chunk_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

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
    return stream->settings.field;                                                         \
  }                                                                                        \
                                                                                           \
  void                                                                                     \
  mysql_binlog_stream_set_##name (MysqlBinlogStream *stream,                               \
                                  const char        *what)                                 \
  {                                                                                        \
    g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));                                    \
    RETURN_IF_RUNNING (stream);                                                            \
    if (set_string (&stream->settings.field, what))                                        \
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
  return stream->settings.port;
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
  if (stream->settings.port == port)
    return;
  stream->settings.port = port;
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
 * Sets the password of the account the stream connects as.  Unlike the
 * other properties, it emits no [signal@GObject.Object::notify].
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_password (MysqlBinlogStream *stream,
                                  const char        *password)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (stream->settings.password != NULL)
    memset (stream->settings.password, 0, strlen (stream->settings.password));
  g_free (stream->settings.password);
  stream->settings.password = g_strdup (password);
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
  return stream->settings.server_id;
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
  if (stream->settings.server_id == server_id)
    return;
  stream->settings.server_id = server_id;
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
  return stream->settings.start_position;
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
  MysqlBinlogPosition *previous;

  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  RETURN_IF_RUNNING (stream);
  if (stream->settings.start_position == position ||
      (stream->settings.start_position != NULL && position != NULL &&
       mysql_binlog_position_equal (stream->settings.start_position, position)))
    return;
  /* get_position() reads it under the lock from any thread. */
  g_mutex_lock (&stream->lock);
  previous = g_steal_pointer (&stream->settings.start_position);
  if (position != NULL)
    stream->settings.start_position = mysql_binlog_position_ref (position);
  g_mutex_unlock (&stream->lock);
  g_clear_pointer (&previous, mysql_binlog_position_unref);
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_START_POSITION]);
  /* Until a run publishes one, the position is the start position. */
  if (stream->position == NULL)
    g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_POSITION]);
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
  return stream->settings.blocking;
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
  if (stream->settings.blocking == blocking)
    return;
  stream->settings.blocking = blocking;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_BLOCKING]);
}

#define DEFINE_UINT_PROPERTY(name, prop, what)                                             \
  guint                                                                                    \
  mysql_binlog_stream_get_##name (MysqlBinlogStream *stream)                               \
  {                                                                                        \
    g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);                             \
    return stream->settings.name;                                                          \
  }                                                                                        \
                                                                                           \
  void                                                                                     \
  mysql_binlog_stream_set_##name (MysqlBinlogStream *stream,                               \
                                  guint              what)                                 \
  {                                                                                        \
    g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));                                    \
    set_uint_property (stream, &stream->settings.name, what, properties[prop]);            \
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
  return stream->settings.reconnect_attempts;
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
  if (stream->settings.reconnect_attempts == attempts)
    return;
  stream->settings.reconnect_attempts = attempts;
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
  return stream->settings.file;
}

#define DEFINE_STRV_PROPERTY(name, prop, what)                                             \
  const char * const *                                                                     \
  mysql_binlog_stream_get_##name (MysqlBinlogStream *stream)                               \
  {                                                                                        \
    g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);                          \
    return (const char * const *) stream->settings.name;                                   \
  }                                                                                        \
                                                                                           \
  void                                                                                     \
  mysql_binlog_stream_set_##name (MysqlBinlogStream  *stream,                              \
                                  const char * const *what)                                \
  {                                                                                        \
    g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));                                    \
    RETURN_IF_RUNNING (stream);                                                            \
    if (set_strv (&stream->settings.name, what))                                           \
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
  return stream->settings.position_store;
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
  if (g_set_object (&stream->settings.position_store, store))
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
  return stream->settings.tls.mode;
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
  if (stream->settings.tls.mode == mode)
    return;
  stream->settings.tls.mode = mode;
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
 * mysql_binlog_stream_get_schema_unknown: (get-property schema-unknown)
 * @stream: a stream
 *
 * Gets what the stream does with the rows of a table whose definition is
 * not known.
 *
 * Returns: the mode
 *
 * Since: 1.0
 */
MysqlBinlogSchemaUnknown
mysql_binlog_stream_get_schema_unknown (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR);
  return stream->settings.schema_unknown;
}

/**
 * mysql_binlog_stream_set_schema_unknown: (set-property schema-unknown)
 * @stream: a stream
 * @mode: a mode
 *
 * Sets what the stream does with the rows of a table whose definition is
 * not known.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_schema_unknown (MysqlBinlogStream        *stream,
                                        MysqlBinlogSchemaUnknown  mode)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (mode <= MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  RETURN_IF_RUNNING (stream);
  if (stream->settings.schema_unknown == mode)
    return;
  stream->settings.schema_unknown = mode;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_SCHEMA_UNKNOWN]);
}

/**
 * mysql_binlog_stream_get_schema_source: (get-property schema-source)
 * @stream: a stream
 *
 * Gets where a stream of a file takes its tables' definitions from.
 *
 * Returns: (transfer none) (nullable): a [class@MysqlBinlog.Stream], a
 *   [iface@Gio.File], or %NULL
 *
 * Since: 1.0
 */
GObject *
mysql_binlog_stream_get_schema_source (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);
  return stream->settings.schema_source;
}

/**
 * mysql_binlog_stream_set_schema_source: (set-property schema-source)
 * @stream: a stream
 * @source: (nullable): a [class@MysqlBinlog.Stream] (other than @stream)
 *   naming the server, a [iface@Gio.File] of a saved schema history, or
 *   %NULL
 *
 * Sets where a stream of a file takes its tables' definitions from.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_schema_source (MysqlBinlogStream *stream,
                                       GObject           *source)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (source == NULL || G_IS_FILE (source) ||
                    (MYSQL_BINLOG_IS_STREAM (source) && source != (GObject *) stream));
  RETURN_IF_RUNNING (stream);
  if (g_set_object (&stream->settings.schema_source, source))
    g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_SCHEMA_SOURCE]);
}

/**
 * mysql_binlog_stream_get_snapshot: (get-property snapshot)
 * @stream: a stream
 *
 * Gets whether a run reads the existing rows before the changes.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:snapshot]
 *
 * Since: 1.0
 */
MysqlBinlogSnapshotMode
mysql_binlog_stream_get_snapshot (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), MYSQL_BINLOG_SNAPSHOT_NEVER);
  return stream->settings.snapshot;
}

/**
 * mysql_binlog_stream_set_snapshot: (set-property snapshot)
 * @stream: a stream
 * @mode: a snapshot mode
 *
 * Sets whether a run reads the existing rows before the changes.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_snapshot (MysqlBinlogStream       *stream,
                                  MysqlBinlogSnapshotMode  mode)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (mode <= MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY);
  RETURN_IF_RUNNING (stream);
  if (stream->settings.snapshot == mode)
    return;
  stream->settings.snapshot = mode;
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_SNAPSHOT]);
}

/**
 * mysql_binlog_stream_get_snapshot_chunk_size: (get-property snapshot-chunk-size)
 * @stream: a stream
 *
 * Gets how many rows a snapshot reads per chunk.
 *
 * Returns: the value of [property@MysqlBinlog.Stream:snapshot-chunk-size]
 *
 * Since: 1.0
 */
/**
 * mysql_binlog_stream_set_snapshot_chunk_size: (set-property snapshot-chunk-size)
 * @stream: a stream
 * @rows: rows per chunk, at least 1
 *
 * Sets how many rows a snapshot reads per chunk.
 *
 * Since: 1.0
 */
DEFINE_UINT_PROPERTY (snapshot_chunk_size, PROP_SNAPSHOT_CHUNK_SIZE, rows)
