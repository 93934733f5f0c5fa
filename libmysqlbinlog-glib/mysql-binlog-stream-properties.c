/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "mysql-binlog-enum-types.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-position-store.h"
#include "mysql-binlog-stream.h"
#include "mysql-binlog-stream-properties-private.h"

void
_mysql_binlog_stream_install_properties (GObjectClass  *object_class,
                                         GParamSpec   **properties)
{
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
   * The password of [property@MysqlBinlog.Stream:user].  Write-only, and
   * never notified: no [signal@GObject.Object::notify] handler learns when
   * it changes.
   *
   * Since: 1.0
   */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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
   * emitted.  Names may contain `*` and `?` wildcards; a dot is an
   * ordinary character of the name (`a.b` is the schema `a.b`), and a name
   * in backquotes, its backquotes doubled, is taken literally (`` `a*` ``).
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
   * `?` wildcards (`shop.*`, `*.audit_log`); the schema part is matched
   * against the schema and the table part against the table, so `a.*`
   * does not take the tables of a schema `a.b`.  A part with a dot, a
   * backquote, `*` or `?` in its name is written in backquotes with its
   * backquotes doubled, and is then taken literally: `` x.`y.z` `` (table
   * `y.z` of schema `x`), `` `x.y`.z ``, `` shop.`*` ``.  A lone `*` is
   * every table.  An entry that is not of that form (`x.y.z`, which reads
   * two ways) makes the run fail with %MYSQL_BINLOG_ERROR_INVALID_ARGUMENT.
   *
   * Since: 1.0
   */
  properties[PROP_ONLY_TABLES] =
    g_param_spec_boxed ("only-tables", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:ignored-tables: (getter get_ignored_tables) (setter set_ignored_tables)
   *
   * Rows of these tables (`schema.table`, with `*` and `?` wildcards and
   * parts in backquotes as in [property@MysqlBinlog.Stream:only-tables])
   * are neither decoded nor emitted.
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
   * A [class@MysqlBinlog.FilePositionStore] also keeps the table definitions
   * the stream holds at that position (see
   * [signal@MysqlBinlog.Stream::binlog-position]), so that a restart gives
   * the rows written before a later `ALTER TABLE` their names of then;
   * other stores keep positions only, and a restart reads the definitions
   * afresh.
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

  /**
   * MysqlBinlogStream:state: (getter get_state)
   *
   * What the stream is doing: %MYSQL_BINLOG_STREAM_STATE_IDLE until it
   * first runs, then, for each run, %MYSQL_BINLOG_STREAM_STATE_CONNECTING
   * while its first connection is made (a stream of a file skips it),
   * %MYSQL_BINLOG_STREAM_STATE_STREAMING once the binary log is read,
   * %MYSQL_BINLOG_STREAM_STATE_RECONNECTING from a transient failure until
   * a new connection streams, and %MYSQL_BINLOG_STREAM_STATE_STOPPED when
   * the run ended, whatever ended it.  A run that reads the existing rows
   * of its tables is %MYSQL_BINLOG_STREAM_STATE_SNAPSHOTTING meanwhile.
   *
   * Notified at each change, on the thread that emits the signals (with
   * [method@MysqlBinlog.Stream.run_async], the caller's main context), in
   * order with them: %MYSQL_BINLOG_STREAM_STATE_RECONNECTING comes just
   * before [signal@MysqlBinlog.Stream::reconnecting], and
   * %MYSQL_BINLOG_STREAM_STATE_STOPPED once the run ended, before
   * [method@MysqlBinlog.Stream.run] returns or the callback of
   * [method@MysqlBinlog.Stream.run_async] runs.  The value is the one last
   * notified; it can be read from any thread.
   *
   * Since: 1.0
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MYSQL_BINLOG_TYPE_STREAM_STATE,
                       MYSQL_BINLOG_STREAM_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:position: (getter get_position)
   *
   * The last position it is safe to resume from, what
   * [method@MysqlBinlog.Stream.get_position] returns; %NULL before a run
   * when there is no [property@MysqlBinlog.Stream:start-position].
   *
   * The value is always the latest, but its notifications are coalesced
   * so that a busy stream does not flood a main loop: at most one every
   * [property@MysqlBinlog.Stream:position-notify-interval] milliseconds
   * while positions advance, and always one when a run ends (or
   * none, when the last one carried the run's final position already).
   * With [method@MysqlBinlog.Stream.run_async] a position held back is
   * notified when the interval is over; during
   * [method@MysqlBinlog.Stream.run], which keeps its thread, with the next
   * position after the interval, at the next heartbeat, or at the end of
   * the run.  [signal@MysqlBinlog.Stream::binlog-position] is the way to
   * see every position.  Notified on the thread that emits the signals.
   *
   * Since: 1.0
   */
  properties[PROP_POSITION] =
    g_param_spec_boxed ("position", NULL, NULL, MYSQL_BINLOG_TYPE_POSITION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:position-notify-interval: (getter get_position_notify_interval) (setter set_position_notify_interval)
   *
   * The least time, in milliseconds, between two notifications of
   * [property@MysqlBinlog.Stream:position] (and of
   * [property@MysqlBinlog.Stream:rows-delivered] and
   * [property@MysqlBinlog.Stream:lag], notified with it).  0 notifies
   * every position.  Unlike the other properties, it may change while the
   * stream runs.
   *
   * Since: 1.0
   */
  properties[PROP_POSITION_NOTIFY_INTERVAL] =
    g_param_spec_uint ("position-notify-interval", NULL, NULL, 0, G_MAXUINT, 250,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:rows-delivered: (getter get_rows_delivered)
   *
   * The row changes handed to the handlers of
   * [signal@MysqlBinlog.Stream::rows-inserted],
   * [signal@MysqlBinlog.Stream::rows-updated] and
   * [signal@MysqlBinlog.Stream::rows-deleted] since the current (or last)
   * run started; an update counts once.  Rows of tables no handler
   * listens to are not counted, since they are not even decoded.
   *
   * The value is always the latest, readable from any thread; it is
   * notified with [property@MysqlBinlog.Stream:position], not at each
   * row, and set back to 0 when a run starts.
   *
   * Since: 1.0
   */
  properties[PROP_ROWS_DELIVERED] =
    g_param_spec_uint64 ("rows-delivered", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:lag: (getter get_lag)
   *
   * How far behind the server the stream is, in seconds: the time of the
   * latest notification of [property@MysqlBinlog.Stream:position] minus
   * the time the server wrote the last transaction delivered (the
   * timestamp of its commit event, which counts whole seconds).  0 when
   * the stream has caught up: a heartbeat came (the server sends them
   * when it has nothing else to send, see
   * [property@MysqlBinlog.Stream:heartbeat-period]), or the run read to
   * the end of the binary log or of the file; 0 also before a run
   * delivered any transaction.
   *
   * The value is the one computed for the latest notification, so it
   * does not grow between them; it can be read from any thread.  A clock
   * of the server ahead of the local one counts as no lag.
   *
   * Since: 1.0
   */
  properties[PROP_LAG] =
    g_param_spec_double ("lag", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:schema-unknown: (getter get_schema_unknown) (setter set_schema_unknown)
   *
   * What to do with the rows of a table whose definition at that point of
   * the binary log is not known.  Without `binlog_row_metadata=FULL` a
   * table map event carries no column names, and the stream takes them
   * from the definition it holds: one it followed through the DDL
   * statements of the binary log, or the server's `information_schema`.
   * When that definition is not certain to be the one the event was
   * written for (it disagrees with the table map in its number of
   * columns or their types, it was changed after the event was written,
   * a statement changed it that the stream cannot interpret, or one the
   * server logged with an error code), the default,
   * %MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, ends the run with
   * %MYSQL_BINLOG_ERROR_UNSUPPORTED.  This holds for a stream of a file
   * too: there a table is known from its `CREATE TABLE` in the file or from
   * the [property@MysqlBinlog.Stream:schema-source].
   *
   * %MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL delivers such rows with the
   * columns named `@1`, `@2`, … in table order and with nothing the table
   * map does not carry: integers are signed (`x`) unless the table map
   * says they are unsigned, so an `UNSIGNED` column's values above the
   * signed maximum come out negative; character columns are their bytes
   * as stored (`ay`) unless the table map names their character set; an
   * ENUM is the number of its member (`t`, 1 for the first, 0 for the
   * empty error value) and a SET the bits of its members (`t`, bit 0 for
   * the first), never a name; no primary key is known.  Other types read
   * as usual.
   *
   * Since: 1.0
   */
  properties[PROP_SCHEMA_UNKNOWN] =
    g_param_spec_enum ("schema-unknown", NULL, NULL, MYSQL_BINLOG_TYPE_SCHEMA_UNKNOWN,
                       MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:schema-source: (getter get_schema_source) (setter set_schema_source)
   *
   * For a stream of a file ([ctor@MysqlBinlog.Stream.new_for_file]): where
   * the definitions of its tables come from when the file's table maps do
   * not carry them (`binlog_row_metadata` other than `FULL`).  Either a
   * [class@MysqlBinlog.Stream] whose connection properties name the server
   * that wrote the file (its `information_schema` is read as a live
   * stream reads it, with the same checks), or a [iface@Gio.File] holding
   * a saved schema history: the `.schema-history` file that a
   * [class@MysqlBinlog.FilePositionStore] keeps beside its position (the
   * state saved at or before the start of the file read is used).
   *
   * With or without one, the stream follows the DDL statements of the
   * file: from a table's `CREATE TABLE` in the part read on, its rows have
   * that statement's names, types, keys and members; the source gives the
   * definitions of the tables the file does not create.  The rows of a
   * table whose definition is still not known, and whose table map names
   * no columns, are handled as [property@MysqlBinlog.Stream:schema-unknown]
   * says: by default the run fails with an error naming the table, the
   * file and the fixes.  A table map that names its columns
   * (`binlog_row_metadata=FULL`) is read as it is, completed where a
   * definition known to hold agrees with it.  Ignored by a stream of a
   * server.
   *
   * Since: 1.0
   */
  properties[PROP_SCHEMA_SOURCE] =
    g_param_spec_object ("schema-source", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:snapshot: (getter get_snapshot) (setter set_snapshot)
   *
   * Whether a run reads the rows that exist before it streams the changes.
   * With %MYSQL_BINLOG_SNAPSHOT_INITIAL or
   * %MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, a run that has no stored position
   * and no [property@MysqlBinlog.Stream:start-position] emits
   * [signal@MysqlBinlog.Stream::rows-read] once per row of each table it
   * watches (the schema and table filters, and the handlers of
   * `rows-read` connected: a detailed one reads its table only), between
   * [signal@MysqlBinlog.Stream::snapshot-started] and
   * [signal@MysqlBinlog.Stream::snapshot-finished], then the changes.
   *
   * The rows are read in chunks of
   * [property@MysqlBinlog.Stream:snapshot-chunk-size] rows, in primary key
   * order, each in a transaction of its own on a second connection, and
   * each chunk is delivered between the changes at the point of the
   * binary log it saw: every `rows-read` row is the row as it was between
   * the changes delivered before it and those after it.  A consumer that
   * applies `rows-read` and `rows-inserted` as upserts, the after image of
   * `rows-updated` as an upsert and `rows-deleted` as a delete ends with
   * the table's contents, whatever other clients write meanwhile; a
   * change of a row not read yet may come before its `rows-read`.
   *
   * On MariaDB nothing is locked: the transaction's point is MariaDB's
   * `binlog_snapshot_file` and `binlog_snapshot_position`.  On MySQL, the
   * point is taken under `FLUSH TABLES WITH READ LOCK`, held only while
   * the transaction opens (the account needs the `RELOAD` privilege).
   * The account needs `SELECT` on the tables: one it may see but not
   * read fails the run with %MYSQL_BINLOG_ERROR_ACCESS_DENIED.  The watched
   * tables are those `information_schema.TABLES` lists to the account, so
   * a table it has no privilege on at all is not among them (its changes
   * still come through the binary log): grant `SELECT` on every table a
   * mirror needs.
   *
   * The progress (the tables left, the primary key of the last row
   * delivered) is part of the position saved after each chunk, so a
   * restarted run reads on after the last chunk saved.
   *
   * A table without a primary key, or whose key the chunks cannot walk
   * (a prefix of a column, a BLOB or TEXT column, INET4, INET6, UUID), is
   * read in one pass, at one point P, and there is no key to upsert on.
   * Its row changes before P are in that read, so they are not delivered
   * as `rows-inserted`, `rows-updated` or `rows-deleted`: from the start
   * of the run (here) or from the request
   * ([method@MysqlBinlog.Stream.snapshot_table]) until its read, the
   * stream holds them back; its changes after P are delivered after its
   * rows.  A consumer that adds the `rows-read` and `rows-inserted` rows
   * of such a table, removes one equal row per `rows-deleted` row and
   * replaces one per `rows-updated` row ends with the table's contents,
   * provided it starts the table empty at its
   * [signal@MysqlBinlog.Stream::snapshot-started]: the read replaces
   * whatever it had (rows from before the request, or rows a run stopped
   * in the middle of the read had delivered: the table is read again from
   * its start after a restart, or after the snapshot's connection was
   * lost, and each such read begins with a `snapshot-started`).  A table
   * whose key is dropped after it was queued (its changes were delivered
   * meanwhile) fails the run with %MYSQL_BINLOG_ERROR_UNSUPPORTED rather
   * than repeat them.  A `rows-read` value is the one the binary log gives for the
   * same row: MariaDB's UUID (like INET6) comes as the 16 bytes the binary
   * log carries, those of its text in the text's order.
   *
   * Since: 1.0
   */
  properties[PROP_SNAPSHOT] =
    g_param_spec_enum ("snapshot", NULL, NULL, MYSQL_BINLOG_TYPE_SNAPSHOT_MODE,
                       MYSQL_BINLOG_SNAPSHOT_NEVER,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * MysqlBinlogStream:snapshot-chunk-size: (getter get_snapshot_chunk_size) (setter set_snapshot_chunk_size)
   *
   * How many rows a snapshot reads per chunk (see
   * [property@MysqlBinlog.Stream:snapshot]): one transaction, one saved
   * position.  Only one row is held in memory at a time, whatever the size.
   * A chunk costs a few statements besides its rows (about a millisecond
   * of the server's time), and the binary log is not read while it is
   * read: a larger size makes the first smaller and the second longer.
   *
   * Since: 1.0
   */
  properties[PROP_SNAPSHOT_CHUNK_SIZE] =
    g_param_spec_uint ("snapshot-chunk-size", NULL, NULL, 1, G_MAXUINT, 4096,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}
