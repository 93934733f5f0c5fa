/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * watch-rows (Vala): prints every row a MySQL or MariaDB server changes,
 * one line per row, like watch-rows.c.
 *
 *   valac --pkg mysqlbinlog-glib-1.0 watch-rows.vala
 *   ./watch-rows --socket /run/mysqld/mysqld.sock --user root
 */

static string? host = null;
static int port = 3306;
static string? socket_path = null;
static string? user = null;
static string? password = null;
static int server_id = 4245;
static string? start = null;
static bool non_blocking = false;
[CCode (array_length = false, array_null_terminated = true)]
static string[]? tables = null;

const OptionEntry[] entries = {
  { "host", 'h', 0, OptionArg.STRING, ref host, "Server host", "HOST" },
  { "port", 'P', 0, OptionArg.INT, ref port, "Server TCP port", "PORT" },
  { "socket", 'S', 0, OptionArg.FILENAME, ref socket_path, "Unix socket", "PATH" },
  { "user", 'u', 0, OptionArg.STRING, ref user, "User name", "USER" },
  { "password", 'p', 0, OptionArg.STRING, ref password, "Password", "PASSWORD" },
  { "server-id", 0, 0, OptionArg.INT, ref server_id, "Replica id", "ID" },
  { "start", 0, 0, OptionArg.STRING, ref start, "Start position", "FILE:POS" },
  { "non-blocking", 'n', 0, OptionArg.NONE, ref non_blocking, "Stop at the end", null },
  { "table", 't', 0, OptionArg.STRING_ARRAY, ref tables, "Watch schema.table", "TABLE" },
  { null }
};

static string describe (MysqlBinlog.Row row) {
  var fields = new StringBuilder ();
  for (uint i = 0; i < row.get_n_columns (); i++) {
    string? value = row.dup_string (i);
    if (i > 0)
      fields.append (", ");
    fields.append_printf ("%s: %s", row.get_column_name (i),
                          value == null ? "NULL" : "'%s'".printf (value));
  }
  return "%s.%s {%s}".printf (row.get_schema (), row.get_table (), fields.str);
}

int main (string[] args) {
  try {
    var context = new OptionContext ("- print every changed row");
    context.add_main_entries (entries, null);
    context.parse (ref args);

    var stream = new MysqlBinlog.Stream () {
      host = host ?? "localhost",
      port = port,
      socket = socket_path,
      user = user ?? "root",
      password = password ?? "",
      server_id = server_id,
      blocking = !non_blocking,
      start_position = start != null ? MysqlBinlog.Position.from_string (start) : null
    };

    if (tables == null || tables.length == 0) {
      stream.rows_inserted.connect (on_inserted);
      stream.rows_updated.connect (on_updated);
      stream.rows_deleted.connect (on_deleted);
    } else {
      /* Detailed signals: only the rows of these tables are decoded. */
      foreach (unowned string table in tables) {
        stream.rows_inserted[table].connect (on_inserted);
        stream.rows_updated[table].connect (on_updated);
        stream.rows_deleted[table].connect (on_deleted);
      }
    }

    /* run_async() reads on a thread of the library and emits the
     * signals here, on the main loop, which also watches SIGINT and
     * SIGTERM. */
    var loop = new MainLoop ();
    Error? failure = null;
    foreach (var signum in new int[] { ProcessSignal.INT, ProcessSignal.TERM }) {
      Unix.signal_add (signum, () => {
        stream.stop ();
        return Source.CONTINUE;
      });
    }
    stream.run_async.begin (null, (obj, res) => {
      try {
        stream.run_async.end (res);
      } catch (Error e) {
        failure = e;
      }
      loop.quit ();
    });
    loop.run ();
    if (failure != null)
      throw failure;
  } catch (Error e) {
    printerr ("watch-rows: %s\n", e.message);
    return 1;
  }
  return 0;
}

static void on_inserted (MysqlBinlog.Stream stream, MysqlBinlog.Row row) {
  print ("INSERT %s\n", describe (row));
}

static void on_updated (MysqlBinlog.Stream stream, MysqlBinlog.Row before, MysqlBinlog.Row after) {
  print ("UPDATE %s -> %s\n", describe (before), describe (after));
}

static void on_deleted (MysqlBinlog.Stream stream, MysqlBinlog.Row row) {
  print ("DELETE %s\n", describe (row));
}
