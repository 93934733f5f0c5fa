/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The command line: its options, their checks, and the connection
 * settings merged from the command line, the option files, $MYSQL_PWD and
 * the defaults, as with the mariadb client. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "mbg-option-files.h"
#include "mbg-options.h"
#include "mbg-password.h"

#define PROGRAM MBG_PROGRAM

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
  "         columns), row_delete (with \"values\"), ddl, begin and commit\n"
  "         (--transactions) or heartbeat (--heartbeat).\n"
  "         \"keys\" holds the primary key columns, from the binary log when\n"
  "         it has them (binlog_row_metadata=FULL), else from the server's\n"
  "         information_schema; \"timestamp\" is when the message was made,\n"
  "         \"binlog_timestamp\" when the server wrote the change.\n"
  "         The messages of a transaction carry \"gtid\" (when it has one),\n"
  "         the row's place \"txn_row\" (1, 2, ...) and what its commit tells:\n"
  "         \"xid\" (committed by an XID event), \"position\" (where a run\n"
  "         resumed from it starts: after this transaction), \"ts\" (the commit's\n"
  "         time) and \"txn_rows\"; a transaction of more than 4 MiB of JSON goes\n"
  "         out as it comes, without those, which its commit message (with\n"
  "         --transactions) then carries.  DDL statements of the tables the\n"
  "         filters let through are {\"type\":\"ddl\",\"schema\":...,\"table\":...,\n"
  "         \"statement\":...,\"position\":...} (--no-ddl: left out).\n"
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

/* @value cut at its commas outside backquotes (a name in backquotes may
 * hold one: `a,b`, and `` for a backquote).  NULL when a backquote is
 * not closed. */
static GStrv
split_at_commas (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean quoted = FALSE;
  const char *start = value;

  for (const char *p = value;; p++)
    {
      if (*p == '`')
        quoted = !quoted;   /* `` inside a name closes and opens again */
      else if (*p == '\0' || (*p == ',' && !quoted))
        {
          g_autofree char *part = g_strndup (start, p - start);

          g_strv_builder_add (builder, part);
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  if (quoted)
    return NULL;
  return g_strv_builder_end (builder);
}

/* The names of a filter option, repeated or comma-separated, as the
 * stream's property takes them; with @tables each must be SCHEMA.TABLE. */
static gboolean
split_names (char       **values,
             const char  *option,
             gboolean     tables,
             GStrv       *names,
             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = split_at_commas (values[i]);

      if (parts == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "%s: “%s” opens a backquote that it does not close", option, values[i]);
          return FALSE;
        }
      for (guint j = 0; parts[j] != NULL; j++)
        {
          const char *part = g_strstrip (parts[j]);

          if (*part == '\0')
            continue;
          if (tables && strchr (part, '.') == NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "%s: “%s” is not SCHEMA.TABLE (globs allowed: shop.*)", option, part);
              return FALSE;
            }
          g_strv_builder_add (builder, part);
        }
    }
  *names = g_strv_builder_end (builder);
  return TRUE;
}

/* The command line as it is given. */
typedef struct
{
  char     *host;
  char     *socket_path;
  char     *user;
  char     *defaults_file;
  char     *ssl_mode;
  char     *ssl_ca;
  char     *ssl_capath;
  char     *ssl_cert;
  char     *ssl_key;
  char     *ssl_cipher;
  char     *start;
  char     *start_gtid;
  char     *file;
  char     *position_file;
  char     *format;
  char     *amqp_url;
  char     *exchange;
  char     *queue;
  GStrv     only_schemas;
  GStrv     ignored_schemas;
  GStrv     only_tables;
  GStrv     ignored_tables;
  char     *snapshot;
  GStrv     snapshot_tables;
  char     *schema_unknown;
  char     *schema_source;
  gboolean  schema_from_server;
  int       port;                 /* G_MININT: not given */
  int       server_id;
  int       dedup_window;
  int       heartbeat;
  int       progress;
  int       connect_timeout;
  int       reconnect_attempts;
  gboolean  from_beginning;
  gboolean  non_blocking;
  gboolean  no_defaults;
  gboolean  transactions;
  gboolean  no_ddl;
  gboolean  version;
} Arguments;

static void
arguments_clear (Arguments *args)
{
  g_free (args->host);
  g_free (args->socket_path);
  g_free (args->user);
  g_free (args->defaults_file);
  g_free (args->ssl_mode);
  g_free (args->ssl_ca);
  g_free (args->ssl_capath);
  g_free (args->ssl_cert);
  g_free (args->ssl_key);
  g_free (args->ssl_cipher);
  g_free (args->start);
  g_free (args->start_gtid);
  g_free (args->file);
  g_free (args->position_file);
  g_free (args->format);
  g_free (args->amqp_url);
  g_free (args->exchange);
  g_free (args->queue);
  g_strfreev (args->only_schemas);
  g_strfreev (args->ignored_schemas);
  g_strfreev (args->only_tables);
  g_free (args->snapshot);
  g_free (args->schema_unknown);
  g_free (args->schema_source);
  g_strfreev (args->snapshot_tables);
  g_strfreev (args->ignored_tables);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arguments, arguments_clear)

static void
add_group (GOptionContext     *context,
           const char         *name,
           const char         *title,
           const char         *help,
           const GOptionEntry *entries)
{
  GOptionGroup *group = g_option_group_new (name, title, help, NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_context_add_group (context, group);
}

/* Reads the command line into @args: the password first of all, before
 * anything can fail, so that ps no longer shows it. */
static gboolean
parse_arguments (Arguments  *args,
                 int        *argc,
                 char     ***argv,
                 GError    **error)
{
  GOptionEntry connection_entries[] = {
    { "host", 'h', 0, G_OPTION_ARG_STRING, &args->host, "Server host (default: localhost)",
      "HOST" },
    { "port", 'P', 0, G_OPTION_ARG_INT, &args->port, "Server TCP port (default: 3306)", "PORT" },
    { "socket", 'S', 0, G_OPTION_ARG_FILENAME, &args->socket_path,
      "Unix socket (wins over --host and --port)", "PATH" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &args->user, "User name (default: root)", "USER" },
    { "password", 'p', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, mbg_password_on_option,
      "Password, as -pPASSWORD or --password=PASSWORD; -p alone asks for it on the "
      "terminal (default: the option files, $MYSQL_PWD, none)", "PASSWORD" },
    { "defaults-file", 0, 0, G_OPTION_ARG_FILENAME, &args->defaults_file,
      "Read the connection options from this option file only (its [client] and "
      "[" PROGRAM "] groups)", "FILE" },
    { "no-defaults", 0, 0, G_OPTION_ARG_NONE, &args->no_defaults,
      "Read no option file", NULL },
    { "server-id", 0, 0, G_OPTION_ARG_INT, &args->server_id,
      "Replica id, non-zero and unique among the server's replicas "
      "(default: derived from the process id)", "ID" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry tls_entries[] = {
    { "ssl-mode", 0, 0, G_OPTION_ARG_STRING, &args->ssl_mode,
      "DISABLED, PREFERRED (default: TLS when the server has it), REQUIRED, "
      "VERIFY_CA (also check the server's certificate against --ssl-ca) or "
      "VERIFY_IDENTITY (also check that it names --host)", "MODE" },
    { "ssl-ca", 0, 0, G_OPTION_ARG_FILENAME, &args->ssl_ca,
      "PEM file of the certificate authorities to trust", "FILE" },
    { "ssl-capath", 0, 0, G_OPTION_ARG_FILENAME, &args->ssl_capath,
      "Directory of PEM certificate authorities (hashed names, as openssl rehash makes)",
      "DIR" },
    { "ssl-cert", 0, 0, G_OPTION_ARG_FILENAME, &args->ssl_cert,
      "PEM client certificate, for accounts created with REQUIRE X509", "FILE" },
    { "ssl-key", 0, 0, G_OPTION_ARG_FILENAME, &args->ssl_key,
      "PEM private key of --ssl-cert", "FILE" },
    { "ssl-cipher", 0, 0, G_OPTION_ARG_STRING, &args->ssl_cipher,
      "Ciphers to accept, as an OpenSSL cipher list", "LIST" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry start_entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &args->start,
      "Start at this position (default: the server's current end)", "FILE:POS" },
    { "start-gtid", 0, 0, G_OPTION_ARG_STRING, &args->start_gtid,
      "Start after this GTID set (MariaDB: 0-1-42)", "GTIDS" },
    { "from-beginning", 0, 0, G_OPTION_ARG_NONE, &args->from_beginning,
      "Start at the oldest binary log the server has", NULL },
    { "non-blocking", 'n', 0, G_OPTION_ARG_NONE, &args->non_blocking,
      "Stop at the current end of the binary log instead of waiting", NULL },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &args->file,
      "Read this binary log file instead of a server (from --start FILE:POS if given)", "BINLOG" },
    { "position-file", 0, 0, G_OPTION_ARG_FILENAME, &args->position_file,
      "Replication mode: start from and save the safe position in this file", "PATH" },
    { "schema-unknown", 0, 0, G_OPTION_ARG_STRING, &args->schema_unknown,
      "The rows of a table whose definition is not known at that point: error (the "
      "default: the run fails, saying why) or positional (columns @1, @2, ... with "
      "what the table map carries)", "error|positional" },
    { "schema-source", 0, 0, G_OPTION_ARG_FILENAME, &args->schema_source,
      "With --file: the definitions of the tables the file does not create, from a "
      "saved .schema-history file (the one beside a --position-file)", "PATH" },
    { "schema-from-server", 0, 0, G_OPTION_ARG_NONE, &args->schema_from_server,
      "With --file: the definitions of the tables the file does not create, from the "
      "server of the connection options (--host, --socket, --user, ...)", NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry filter_entries[] = {
    { "only-schemas", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->only_schemas,
      "Only these schemas (repeatable or comma-separated, * globs)", "SCHEMA" },
    { "ignore-schemas", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->ignored_schemas,
      "Not these schemas", "SCHEMA" },
    { "only-tables", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->only_tables,
      "Only these tables (repeatable or comma-separated, * globs: shop.*, *.audit; a name "
      "part with a dot, a comma, a backquote, * or ? in backquotes, taken literally: x.`y.z`)",
      "SCHEMA.TABLE" },
    { "ignore-tables", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->ignored_tables,
      "Not these tables", "SCHEMA.TABLE" },
    { "snapshot", 0, 0, G_OPTION_ARG_STRING, &args->snapshot,
      "Read the existing rows of the watched tables first (\"type\": \"read\"): never "
      "(default), initial (when there is no position to start from, then the changes) or "
      "initial-only (then exit)", "MODE" },
    { "snapshot-table", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->snapshot_tables,
      "Read the existing rows of this table once the stream runs, between the changes "
      "(repeatable)", "SCHEMA.TABLE" },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry output_entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &args->format,
      "Output format: text (default) or json", "FORMAT" },
    { "amqp", 0, 0, G_OPTION_ARG_STRING, &args->amqp_url,
      "Publish the JSON messages to this RabbitMQ broker instead of stdout",
      "amqp://USER:PASSWORD@HOST:PORT/VHOST" },
    { "exchange", 0, 0, G_OPTION_ARG_STRING, &args->exchange,
      "The topic exchange to publish to (with --amqp)", "NAME" },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &args->queue,
      "Also declare this durable queue and bind it to the exchange for every "
      "routing key (with --amqp)", "NAME" },
    { "dedup-window", 0, 0, G_OPTION_ARG_INT, &args->dedup_window,
      "Hold JSON messages this long and merge the updates of one row within it "
      "into one message (default: 0, off)", "MS" },
    { "transactions", 0, 0, G_OPTION_ARG_NONE, &args->transactions,
      "Write a begin and a commit message around the row messages of each "
      "transaction (JSON only)", NULL },
    { "no-ddl", 0, 0, G_OPTION_ARG_NONE, &args->no_ddl,
      "Leave out the messages of DDL statements (JSON only)", NULL },
    { "heartbeat", 0, 0, G_OPTION_ARG_INT, &args->heartbeat,
      "Send a heartbeat message every SECONDS (JSON only; default: 0, off)", "SECONDS" },
    { "progress", 0, 0, G_OPTION_ARG_INT, &args->progress,
      "Print the position, events/s and lag on stderr every SECONDS (default: 0, off)",
      "SECONDS" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_INT, &args->connect_timeout,
      "Give up connecting to a server that does not answer within SECONDS "
      "(default: 10; 0: wait for ever)", "SECONDS" },
    { "reconnect-attempts", 0, 0, G_OPTION_ARG_INT, &args->reconnect_attempts,
      "Connect again up to N times in a row when the connection to the server is "
      "lost, resuming after the last transaction written (default: 0, end with the "
      "error; -1: for ever)", "N" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &args->version, "Print the version and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry *all_entries[] = {
    connection_entries, tls_entries, start_entries, filter_entries, output_entries, NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  args->port = G_MININT;
  args->connect_timeout = 10;
  mbg_password_take_arguments (argc, *argv, all_entries);

  context = g_option_context_new ("- follow a MySQL or MariaDB binary log");
  g_option_context_set_summary (context,
    "Prints every binary log event, or one JSON message per changed row, or\n"
    "publishes those messages to RabbitMQ.");
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, connection_entries, NULL);
  add_group (context, "tls", "TLS (as the MySQL clients' options):", "Show the TLS options",
             tls_entries);
  add_group (context, "start", "Where to start:", "Show the start options", start_entries);
  add_group (context, "filter", "Filters:", "Show the filter options", filter_entries);
  add_group (context, "output", "Output:", "Show the output options", output_entries);
  return g_option_context_parse (context, argc, argv, error);
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

/* The checks of the command line alone; NULL if it is fine, else the
 * message to print. */
static char *
check_arguments (const Arguments *args,
                 MbgOptions      *options)
{
  if (args->port != G_MININT && (args->port <= 0 || args->port > 65535))
    return g_strdup ("--port must be between 1 and 65535");
  options->tls.mode = MYSQL_BINLOG_TLS_MODE_PREFERRED;
  if (args->ssl_mode != NULL && !parse_tls_mode (args->ssl_mode, &options->tls.mode))
    return g_strdup_printf ("unknown --ssl-mode “%s” (DISABLED, PREFERRED, REQUIRED, "
                            "VERIFY_CA or VERIFY_IDENTITY)", args->ssl_mode);
  if (args->no_defaults && args->defaults_file != NULL)
    return g_strdup ("choose one of --no-defaults and --defaults-file");
  if (args->server_id < 0)
    return g_strdup ("--server-id must be positive");
  if (args->dedup_window < 0 || args->heartbeat < 0 || args->progress < 0 ||
      args->connect_timeout < 0)
    return g_strdup ("--dedup-window, --heartbeat, --progress and --connect-timeout "
                     "cannot be negative");
  if (args->reconnect_attempts < -1)
    return g_strdup ("--reconnect-attempts is a number of attempts, or -1 for ever");
  if (args->format == NULL || g_str_equal (args->format, "text"))
    options->format = args->amqp_url != NULL ? MBG_FORMAT_JSON : MBG_FORMAT_TEXT;
  else if (g_str_equal (args->format, "json"))
    options->format = MBG_FORMAT_JSON;
  else
    return g_strdup_printf ("unknown --format “%s” (text or json)", args->format);
  if (args->amqp_url != NULL && args->format != NULL && options->format != MBG_FORMAT_JSON)
    return g_strdup ("--amqp publishes JSON messages; --format text is for stdout");
  if ((args->amqp_url == NULL) != (args->exchange == NULL))
    return g_strdup ("--amqp and --exchange go together");
  if (args->queue != NULL && args->amqp_url == NULL)
    return g_strdup ("--queue goes with --amqp");
  if (args->heartbeat > 0 && options->format != MBG_FORMAT_JSON)
    return g_strdup ("--heartbeat sends JSON messages: use --format json or --amqp");
  if (args->dedup_window > 0 && options->format != MBG_FORMAT_JSON)
    return g_strdup ("--dedup-window merges JSON messages: use --format json or --amqp");
  if (args->snapshot == NULL || g_str_equal (args->snapshot, "never"))
    options->snapshot = MYSQL_BINLOG_SNAPSHOT_NEVER;
  else if (g_str_equal (args->snapshot, "initial"))
    options->snapshot = MYSQL_BINLOG_SNAPSHOT_INITIAL;
  else if (g_str_equal (args->snapshot, "initial-only"))
    options->snapshot = MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY;
  else
    return g_strdup_printf ("unknown --snapshot “%s” (never, initial or initial-only)",
                            args->snapshot);
  if (args->schema_unknown == NULL || g_str_equal (args->schema_unknown, "error"))
    options->schema_unknown = MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR;
  else if (g_str_equal (args->schema_unknown, "positional"))
    options->schema_unknown = MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL;
  else
    return g_strdup_printf ("unknown --schema-unknown “%s” (error or positional)",
                            args->schema_unknown);
  if (args->file == NULL && (args->schema_source != NULL || args->schema_from_server))
    return g_strdup ("--schema-source and --schema-from-server go with --file: a server's "
                     "binary log has the server's definitions");
  if (args->schema_source != NULL && args->schema_from_server)
    return g_strdup ("choose one of --schema-source and --schema-from-server");
  if (args->file != NULL && args->reconnect_attempts != 0)
    return g_strdup ("--reconnect-attempts is about the connection to a server, not --file");
  if (args->file != NULL && (args->snapshot != NULL || args->snapshot_tables != NULL))
    return g_strdup ("--snapshot and --snapshot-table read a server's tables, not --file");
  if ((args->transactions || args->no_ddl) && options->format != MBG_FORMAT_JSON)
    return g_strdup ("--transactions and --no-ddl are about JSON messages: use --format json "
                     "or --amqp");
  if ((args->start != NULL) + (args->start_gtid != NULL) + (args->from_beginning != FALSE) > 1)
    return g_strdup ("choose one of --start, --start-gtid and --from-beginning");
  if (args->file != NULL && (args->start_gtid != NULL || args->from_beginning ||
                             args->position_file != NULL || args->non_blocking))
    return g_strdup ("--file reads one file to its end, from its start or from "
                     "--start FILE:POS: it goes without --start-gtid, --from-beginning, "
                     "--position-file and --non-blocking");
  return NULL;
}

/* Takes @value unless *@field is set already. */
static void
take_unset (char **field,
            char **value)
{
  if (*field == NULL)
    *field = g_steal_pointer (value);
}

/* The connection: the command line wins over the option files, which
 * win over $MYSQL_PWD and the defaults, as with the mariadb client.
 * Takes what it uses of @args and @files.  Whether the password is to be
 * asked for on the terminal. */
static gboolean
merge_connection (Arguments      *args,
                  MbgOptionFiles *files,
                  MbgOptions     *options)
{
  g_autofree char *password = NULL;
  gboolean prompt = FALSE;

  /* A socket from the files is for local connections only: not when the
   * command line names a host or a port, nor for another host. */
  if (args->socket_path == NULL && args->host == NULL && args->port == G_MININT && !files->tcp &&
      (files->host == NULL || g_str_equal (files->host, "localhost")))
    args->socket_path = g_steal_pointer (&files->socket_path);
  take_unset (&args->host, &files->host);
  if (args->port == G_MININT)
    args->port = files->port != 0 ? (int) files->port : 3306;
  take_unset (&args->user, &files->user);
  password = mbg_password_steal (&prompt);
  if (password != NULL)
    options->password = g_steal_pointer (&password);
  else if (!prompt && files->password != NULL)
    options->password = g_steal_pointer (&files->password);
  else if (!prompt && g_getenv ("MYSQL_PWD") != NULL)
    options->password = g_strdup (g_getenv ("MYSQL_PWD"));
  take_unset (&args->ssl_ca, &files->ssl_ca);
  take_unset (&args->ssl_capath, &files->ssl_capath);
  if (args->ssl_cert == NULL && args->ssl_key == NULL)
    {
      args->ssl_cert = g_steal_pointer (&files->ssl_cert);
      args->ssl_key = g_steal_pointer (&files->ssl_key);
    }
  take_unset (&args->ssl_cipher, &files->ssl_cipher);
  if (args->ssl_mode == NULL && files->has_tls_mode)
    options->tls.mode = files->tls_mode;
  /* -p alone: asked for on the terminal, unless nothing connects. */
  return prompt && options->password == NULL && args->file == NULL;
}

/* The checks of the merged connection settings, as check_arguments(). */
static char *
check_connection (const Arguments *args,
                  MbgOptions      *options)
{
  if (options->tls.mode >= MYSQL_BINLOG_TLS_MODE_VERIFY_CA && args->ssl_ca == NULL &&
      args->ssl_capath == NULL)
    {
      if (args->ssl_mode != NULL)
        return g_strdup_printf ("--ssl-mode=%s checks the server's certificate: it needs "
                                "--ssl-ca or --ssl-capath", args->ssl_mode);
      return g_strdup ("the option files ask to check the server's certificate "
                       "(ssl-verify-server-cert or ssl-mode): that needs ssl-ca or ssl-capath, "
                       "there or as --ssl-ca or --ssl-capath");
    }
  if ((args->ssl_cert == NULL) != (args->ssl_key == NULL))
    return g_strdup ("--ssl-cert and --ssl-key go together");
  return NULL;
}

/* Moves the settings of @args into @options, with their defaults. */
static void
take_arguments (Arguments  *args,
                MbgOptions *options)
{
  options->host = args->host != NULL ? g_steal_pointer (&args->host) : g_strdup ("localhost");
  options->port = args->port;
  options->socket_path = g_steal_pointer (&args->socket_path);
  options->user = args->user != NULL ? g_steal_pointer (&args->user) : g_strdup ("root");
  options->connect_timeout = (guint) args->connect_timeout;
  options->reconnect_attempts = args->reconnect_attempts;
  options->tls.ca_file = g_steal_pointer (&args->ssl_ca);
  options->tls.ca_directory = g_steal_pointer (&args->ssl_capath);
  options->tls.cert_file = g_steal_pointer (&args->ssl_cert);
  options->tls.key_file = g_steal_pointer (&args->ssl_key);
  options->tls.cipher = g_steal_pointer (&args->ssl_cipher);
  options->server_id = args->server_id != 0 ? (guint) args->server_id
                                            : 100000 + (guint) (getpid () % 100000);
  options->start = g_steal_pointer (&args->start);
  options->start_gtid = g_steal_pointer (&args->start_gtid);
  options->from_beginning = args->from_beginning;
  options->non_blocking = args->non_blocking;
  options->file = g_steal_pointer (&args->file);
  options->position_file = g_steal_pointer (&args->position_file);
  options->schema_source = g_steal_pointer (&args->schema_source);
  options->schema_from_server = args->schema_from_server;
  options->amqp_url = g_steal_pointer (&args->amqp_url);
  options->exchange = g_steal_pointer (&args->exchange);
  options->queue = g_steal_pointer (&args->queue);
  options->transactions = args->transactions;
  options->ddl = !args->no_ddl;
  options->dedup_window_us = (gint64) args->dedup_window * 1000;
  options->snapshot_tables = g_steal_pointer (&args->snapshot_tables);
  options->heartbeat_us = (gint64) args->heartbeat * G_USEC_PER_SEC;
  options->progress_us = (gint64) args->progress * G_USEC_PER_SEC;
}

/* Fills @options from the command line and the option files.  FALSE when
 * the program is to exit with *@status: 0 after --version, 2 after a bad
 * option (said on stderr). */
gboolean
mbg_options_parse (MbgOptions   *options,
                   int          *argc,
                   char       ***argv,
                   int          *status)
{
  g_auto(Arguments) args = { NULL, };
  g_auto(MbgOptionFiles) files = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  gboolean prompt;

  *status = 2;
  if (!parse_arguments (&args, argc, argv, &error))
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      return FALSE;
    }
  if (args.version)
    {
      g_print (PROGRAM " %s\n", PACKAGE_VERSION);
      *status = 0;
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr (PROGRAM ": unexpected argument “%s” (see --help-all)\n", (*argv)[1]);
      return FALSE;
    }
  if ((problem = check_arguments (&args, options)) != NULL)
    {
      g_printerr (PROGRAM ": %s\n", problem);
      return FALSE;
    }
  if (!split_names (args.only_tables, "--only-tables", TRUE, &options->only_tables, &error) ||
      !split_names (args.ignored_tables, "--ignore-tables", TRUE, &options->ignored_tables,
                    &error) ||
      !split_names (args.only_schemas, "--only-schemas", FALSE, &options->only_schemas,
                    &error) ||
      !split_names (args.ignored_schemas, "--ignore-schemas", FALSE, &options->ignored_schemas,
                    &error) ||
      (args.file == NULL && !args.no_defaults &&
       !mbg_option_files_read (args.defaults_file, PROGRAM, &files, &error)))
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      return FALSE;
    }
  prompt = merge_connection (&args, &files, options);
  if ((problem = check_connection (&args, options)) != NULL)
    {
      g_printerr (PROGRAM ": %s\n", problem);
      return FALSE;
    }
  if (prompt && !isatty (STDIN_FILENO))
    {
      g_printerr (PROGRAM ": -p without a value asks for the password on the terminal, "
                  "and stdin is not one: give it as --password=PASSWORD, in an option "
                  "file (password=) or in $MYSQL_PWD\n");
      return FALSE;
    }
  if (prompt && (options->password = mbg_password_ask (&error)) == NULL)
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      return FALSE;
    }
  take_arguments (&args, options);
  return TRUE;
}

void
mbg_options_clear (MbgOptions *options)
{
  g_clear_pointer (&options->host, g_free);
  g_clear_pointer (&options->socket_path, g_free);
  g_clear_pointer (&options->user, g_free);
  if (options->password != NULL)
    memset (options->password, 0, strlen (options->password));
  g_clear_pointer (&options->password, g_free);
  g_clear_pointer (&options->tls.ca_file, g_free);
  g_clear_pointer (&options->tls.ca_directory, g_free);
  g_clear_pointer (&options->tls.cert_file, g_free);
  g_clear_pointer (&options->tls.key_file, g_free);
  g_clear_pointer (&options->tls.cipher, g_free);
  g_clear_pointer (&options->start, g_free);
  g_clear_pointer (&options->start_gtid, g_free);
  g_clear_pointer (&options->file, g_free);
  g_clear_pointer (&options->position_file, g_free);
  g_clear_pointer (&options->schema_source, g_free);
  g_clear_pointer (&options->only_tables, g_strfreev);
  g_clear_pointer (&options->snapshot_tables, g_strfreev);
  g_clear_pointer (&options->ignored_tables, g_strfreev);
  g_clear_pointer (&options->only_schemas, g_strfreev);
  g_clear_pointer (&options->ignored_schemas, g_strfreev);
  g_clear_pointer (&options->amqp_url, g_free);
  g_clear_pointer (&options->exchange, g_free);
  g_clear_pointer (&options->queue, g_free);
}
