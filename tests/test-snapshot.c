/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Snapshots on a real server: the rows of rows-read against the binlog's
 * own rows-inserted for every column type; a mirror built from the
 * signals while a writer inserts, updates (primary keys too) and deletes
 * at full speed equals the table at the end, for the initial snapshot and
 * for snapshot_table() on a running stream; a stopped run resumes after
 * its last saved chunk; faults end in a clear error or a correct resume.
 *
 * MYSQL_BINLOG_SNAPSHOT_ROWS sets the size of the big tables (20000 by
 * default; the figure is 200000).  MYSQL_BINLOG_SNAPSHOT_BIG_ROWS
 * (e.g. 2000000) runs /snapshot/memory: the peak RSS of a snapshot of that
 * many rows, which must stay under 32 MiB.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include <mysql.h>
#include <mysqlbinlog-glib.h>

#include "test-server.h"

static TestServer *server;

static guint
table_rows (void)
{
  const char *env = g_getenv ("MYSQL_BINLOG_SNAPSHOT_ROWS");

  return env != NULL && atoi (env) > 0 ? (guint) atoi (env) : 20000;
}

static MysqlBinlogStream *
new_stream (void)
{
  return test_server_new_stream (server);
}

static char *
query (const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = test_server_query_value (server, sql, &error);

  g_assert_no_error (error);
  return value;
}

/* {{{ Every column type: rows-read against rows-inserted */

static const char *type_columns =
  "id INT PRIMARY KEY, "
  "ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, mu MEDIUMINT UNSIGNED, i INT, "
  "bi BIGINT, bu BIGINT UNSIGNED, f FLOAT, d DOUBLE, "
  "dc DECIMAL(20,6), dz DECIMAL(5,0), dl DECIMAL(40,15), "
  "y YEAR, dt DATE, tm TIME, tm2 TIME(2), tm4 TIME(4), tm6 TIME(6), "
  "dtt DATETIME, dt3 DATETIME(3), dt6 DATETIME(6), "
  "ts TIMESTAMP NULL, ts6 TIMESTAMP(6) NULL, "
  "b1 BIT(1), b13 BIT(13), b64 BIT(64), "
  "e ENUM('a','b','c d'), st SET('x','y','z','w1','w2','w3','w4','w5','w6','w7'), "
  "c CHAR(10) CHARACTER SET utf8mb4, cl CHAR(100) CHARACTER SET utf8mb4, "
  "c1 CHAR(20) CHARACTER SET latin1, bn BINARY(8), "
  "vc VARCHAR(300) CHARACTER SET utf8mb4, vb VARBINARY(10), "
  "tt TINYTEXT, tx TEXT, mb MEDIUMBLOB, lt LONGTEXT, j JSON, "
  "g GEOMETRY NULL, pt POINT NULL, i4 INET4, i6 INET6, uu UUID, uv UUID";

static const char * const type_rows[] = {
  "(1, -128, 255, -32768, 16777215, -2147483648, -9223372036854775808, "
  "18446744073709551615, 1.17549435e-38, 2.2250738585072014e-308, "
  "-12345678901234.123456, 99999, -1234567890123456789012345.123456789012345, "
  "1901, '1000-01-01', '-838:59:59', '-00:00:00.5', '-12:34:56.0001', '838:59:58.999999', "
  "'1000-01-01 00:00:00', '2024-02-29 23:59:59.999', '9999-12-31 23:59:59.999999', "
  "'1970-01-01 03:00:01', '2038-01-19 03:14:07.999999', "
  "b'1', b'1010101010101', b'1111111111111111111111111111111111111111111111111111111111111111', "
  "'c d', 'x,w7', _utf8mb4 X'68C3A96C6C6F', REPEAT(_utf8mb4 X'E282AC', 100), _latin1 X'636166E9', X'0001020300', "
  "REPEAT(_utf8mb4 X'C3BC', 300), X'00FF', 'tiny', _utf8mb4 X'7465787420E29C93', X'DEADBEEF00', REPEAT('long ', 100), "
  "'{\"a\": [1, 2.5, \"x\"], \"b\": null}', ST_GeomFromText('LINESTRING(0 0, 1 1.5)'), "
  "ST_GeomFromText('POINT(1 2)'), '10.0.0.1', '2001:db8::ff00:42:8329', "
  /* A time-based UUID, whose record holds its groups swapped, and a
   * random one, stored as written. */
  "'6ccd780c-baba-1026-9564-5b8c656024db', '123e4567-e89b-42d3-a456-426614174000')",
  "(2, 0, 0, 0, 0, 0, 0, 0, 0, -0.5, 0, 0, 0.000000000000001, 2155, '9999-12-31', "
  "'00:00:00', '00:00:00.01', '00:00:00', '-00:00:00.000001', '0000-00-00 00:00:00', "
  "'0000-00-00 00:00:00.000', '2000-01-01 00:00:00.000001', '0000-00-00 00:00:00', "
  "'1999-12-31 23:59:59.5', b'0', b'0', b'0', 'a', '', '', '', '', X'', '', X'', '', '', "
  "X'', '', '[]', NULL, NULL, '0.0.0.0', '::', '00000000-0000-0000-0000-000000000000', "
  "'ffffffff-ffff-ffff-ffff-ffffffffffff')",
  "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 3.4028e38, 1e308, NULL, NULL, NULL, "
  "0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
  "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
  "NULL, NULL, NULL, NULL, '01234567-89ab-7def-8123-456789abcdef')",
};

/* The bytes of the UUID columns in type_rows, as the binary log carries
 * them: those of the text, in its order (NULL for SQL NULL). */
static const char * const uuid_bytes[][2] = {
  { "6ccd780cbaba102695645b8c656024db", "123e4567e89b42d3a456426614174000" },
  { "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff" },
  { NULL, "0123456789ab7def8123456789abcdef" },
};

static void
assert_uuid_bytes (MysqlBinlogRow *row,
                   guint           r)
{
  static const char * const names[] = { "uu", "uv" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      gint i = -1;

      for (guint c = 0; c < mysql_binlog_row_get_n_columns (row); c++)
        if (g_strcmp0 (mysql_binlog_row_get_column_name (row, c), names[k]) == 0)
          i = c;
      g_assert_cmpint (i, >=, 0);
      if (uuid_bytes[r][k] == NULL)
        g_assert_true (mysql_binlog_row_is_null (row, i));
      else
        {
          g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);
          g_autoptr(GString) hex = g_string_new (NULL);
          gsize length;
          const guint8 *data;

          g_assert_cmpstr (g_variant_get_type_string (value), ==, "ay");
          data = g_variant_get_fixed_array (value, &length, 1);
          for (gsize b = 0; b < length; b++)
            g_string_append_printf (hex, "%02x", data[b]);
          g_assert_cmpstr (hex->str, ==, uuid_bytes[r][k]);
        }
    }
}

static void
on_collect (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            GPtrArray         *rows)
{
  g_ptr_array_add (rows, mysql_binlog_row_ref (row));
}

static void
check_types (const char *metadata)
{
  g_autoptr(MysqlBinlogStream) live = new_stream ();
  g_autoptr(MysqlBinlogStream) snap = new_stream ();
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) inserted = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "DROP DATABASE IF EXISTS snaptypes");
  test_server_exec (server, "CREATE DATABASE snaptypes");
  g_test_message ("binlog_row_metadata = %s", metadata);
  test_server_sqlf (server, &error, "SET GLOBAL binlog_row_metadata = '%s'", metadata);
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("CREATE TABLE snaptypes.t (%s)", type_columns);

    test_server_exec (server, sql);
  }
  start = test_server_master_position (server);
  test_server_exec (server, "SET time_zone = '+03:00'");
  for (guint r = 0; r < G_N_ELEMENTS (type_rows); r++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO snaptypes.t VALUES %s", type_rows[r]);

      test_server_exec (server, sql);
    }
  test_server_exec (server, "SET time_zone = SYSTEM");

  g_object_set (live, "start-position", start, NULL);
  g_signal_connect (live, "rows-inserted::snaptypes.t", G_CALLBACK (on_collect), inserted);
  g_assert_true (mysql_binlog_stream_run (live, NULL, &error));
  g_assert_no_error (error);

  g_object_set (snap, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, "snapshot-chunk-size", 2,
                NULL);
  g_signal_connect (snap, "rows-read::snaptypes.t", G_CALLBACK (on_collect), read);
  g_assert_true (mysql_binlog_stream_run (snap, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (inserted->len, ==, G_N_ELEMENTS (type_rows));
  g_assert_cmpuint (read->len, ==, inserted->len);
  for (guint r = 0; r < read->len; r++)
    {
      MysqlBinlogRow *a = g_ptr_array_index (inserted, r);
      MysqlBinlogRow *b = g_ptr_array_index (read, r);

      g_assert_cmpuint (mysql_binlog_row_get_n_columns (b), ==, mysql_binlog_row_get_n_columns (a));
      g_assert_true (mysql_binlog_row_is_primary_key_known (b));
      g_assert_cmpstrv (mysql_binlog_row_get_primary_key (b), mysql_binlog_row_get_primary_key (a));
      for (guint i = 0; i < mysql_binlog_row_get_n_columns (a); i++)
        {
          g_autoptr(GVariant) va = mysql_binlog_row_get_value (a, i);
          g_autoptr(GVariant) vb = mysql_binlog_row_get_value (b, i);
          g_autofree char *ta = mysql_binlog_row_dup_string (a, i);
          g_autofree char *tb = mysql_binlog_row_dup_string (b, i);
          g_autofree char *pa = g_variant_print (va, TRUE);
          g_autofree char *pb = g_variant_print (vb, TRUE);

          g_test_message ("row %u %s: %s / %s", r + 1, mysql_binlog_row_get_column_name (a, i),
                          pa, pb);
          g_assert_cmpstr (mysql_binlog_row_get_column_name (b, i), ==,
                           mysql_binlog_row_get_column_name (a, i));
          g_assert_cmpstr (pb, ==, pa);
          g_assert_true (g_variant_equal (va, vb));
          g_assert_cmpstr (tb, ==, ta);
          g_assert_cmpint (mysql_binlog_row_get_column_type (b, i), ==,
                           mysql_binlog_row_get_column_type (a, i));
          g_assert_cmpint (mysql_binlog_row_get_column_is_unsigned (b, i), ==,
                           mysql_binlog_row_get_column_is_unsigned (a, i));
        }
      assert_uuid_bytes (a, r);
      assert_uuid_bytes (b, r);
    }
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = DEFAULT");
}

/* Against table maps that carry the column names, character sets and
 * members (FULL), and against those the stream completes from
 * information_schema (NO_LOG). */
static void
test_types (void)
{
  check_types ("FULL");
  check_types ("NO_LOG");
}

/* }}} */

/* {{{ A mirror of one table */

typedef struct
{
  GHashTable *rows;        /* id → text of the row */
  guint64 n_read;
  guint64 n_changes;
  guint n_chunks;          /* positions carrying a snapshot's progress */
  guint stop_after_chunks; /* 0: never */
  gint finished;           /* atomic: snapshot-finished was emitted */
  char *kill_query;        /* kill the snapshot's connection after this many reads */
  guint64 kill_at;
  gboolean killed;
  guint64 restart_at;      /* restart the server after this many reads */
  guint64 n_out_of_order;  /* rows read at a point after a change delivered after them */
} Mirror;

static void
mirror_init (Mirror *mirror)
{
  memset (mirror, 0, sizeof *mirror);
  mirror->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
mirror_clear (Mirror *mirror)
{
  g_hash_table_unref (mirror->rows);
  g_free (mirror->kill_query);
}

static char *
row_text (MysqlBinlogRow *row)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mysql_binlog_row_get_n_columns (row); i++)
    {
      g_autofree char *text = mysql_binlog_row_dup_string (row, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, text != NULL ? text : "NULL");
    }
  return g_string_free (out, FALSE);
}

static void
upsert (Mirror         *mirror,
        MysqlBinlogRow *row)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  g_hash_table_replace (mirror->rows, g_memdup2 (&id, sizeof id), row_text (row));
}

static void
on_read (MysqlBinlogStream *stream,
         MysqlBinlogRow    *row,
         Mirror            *mirror)
{
  upsert (mirror, row);
  mirror->n_read++;
  if (mirror->kill_query != NULL && !mirror->killed && mirror->n_read == mirror->kill_at)
    {
      g_autofree char *id = query (mirror->kill_query);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (id);
      g_assert_true (test_server_sqlf (server, &error, "KILL %s", id));
      g_assert_no_error (error);
      mirror->killed = TRUE;
    }
}

static void
on_read_restart (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 Mirror            *mirror)
{
  if (mirror->n_read == mirror->restart_at)
    test_server_restart (server);
}

/* Keys are never reused by the writer: a row inserted (or moved to a new
 * key) that the mirror has already was read after the change that
 * created it, i.e. at a point before a change delivered after it. */
static void
check_new_key (Mirror         *mirror,
               MysqlBinlogRow *row)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  if (g_hash_table_contains (mirror->rows, &id))
    mirror->n_out_of_order++;
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Mirror            *mirror)
{
  check_new_key (mirror, row);
  upsert (mirror, row);
  mirror->n_changes++;
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            Mirror            *mirror)
{
  gint64 old_id = mysql_binlog_row_get_int64 (before, 0);

  if (old_id != mysql_binlog_row_get_int64 (after, 0))
    {
      g_hash_table_remove (mirror->rows, &old_id);
      check_new_key (mirror, after);
    }
  upsert (mirror, after);
  mirror->n_changes++;
}

static void
on_deleted (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            Mirror            *mirror)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  g_hash_table_remove (mirror->rows, &id);
  mirror->n_changes++;
}

static void
on_position (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             Mirror              *mirror)
{
  g_autofree char *text = mysql_binlog_position_to_string (position);

  if (strstr (text, " snapshot:") == NULL)
    return;
  mirror->n_chunks++;
  if (mirror->stop_after_chunks > 0 && mirror->n_chunks % mirror->stop_after_chunks == 0)
    mysql_binlog_stream_stop (stream);
}

static void
on_finished (MysqlBinlogStream *stream,
             const char        *schema_table,
             guint64            n_rows,
             Mirror            *mirror)
{
  g_atomic_int_set (&mirror->finished, 1);
}

static void
mirror_connect (Mirror            *mirror,
                MysqlBinlogStream *stream,
                const char        *table)
{
  g_autofree char *read = g_strdup_printf ("rows-read::%s", table);
  g_autofree char *inserted = g_strdup_printf ("rows-inserted::%s", table);
  g_autofree char *updated = g_strdup_printf ("rows-updated::%s", table);
  g_autofree char *deleted = g_strdup_printf ("rows-deleted::%s", table);

  g_signal_connect (stream, read, G_CALLBACK (on_read), mirror);
  g_signal_connect (stream, inserted, G_CALLBACK (on_inserted), mirror);
  g_signal_connect (stream, updated, G_CALLBACK (on_updated), mirror);
  g_signal_connect (stream, deleted, G_CALLBACK (on_deleted), mirror);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), mirror);
  g_signal_connect (stream, "snapshot-finished", G_CALLBACK (on_finished), mirror);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = **(const gint64 **) a, y = **(const gint64 **) b;

  return x < y ? -1 : x > y;
}

/* The mirror as the table's SELECT writes it. */
static char *
mirror_text (Mirror *mirror)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, mirror->rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_ids);
  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_hash_table_lookup (mirror->rows, keys->pdata[i]));
    }
  return g_string_free (out, FALSE);
}

static char *
table_text (const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', id, k, "
                                          "IFNULL(d, 'NULL'), t, s) ORDER BY id SEPARATOR '\\n'), '') "
                                          "FROM %s", table);

  test_server_exec (server, "SET SESSION group_concat_max_len = 1073741824");
  return query (sql);
}

static void
create_mirror_table (const char *table,
                     guint       n_rows)
{
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL group_concat_max_len = 1073741824");
  test_server_exec (server, "CREATE DATABASE IF NOT EXISTS snap");
  test_server_sqlf (server, &error, "DROP TABLE IF EXISTS %s", table);
  g_assert_no_error (error);
  test_server_sqlf (server, &error,
                    "CREATE TABLE %s (id BIGINT PRIMARY KEY, k INT NOT NULL, d DECIMAL(12,3), "
                    "t DATETIME(6) NOT NULL, s VARCHAR(40) NOT NULL)", table);
  g_assert_no_error (error);
  test_server_sqlf (server, &error,
                    "INSERT INTO %s SELECT seq, seq %% 1000, IF(seq %% 7 = 0, NULL, seq / 8), "
                    "'2024-01-01' + INTERVAL seq SECOND + INTERVAL seq MICROSECOND, "
                    "CONCAT('row ', seq) FROM snap.seq_1_to_%u", table, n_rows);
  g_assert_no_error (error);
}

/* }}} */

/* {{{ A writer at full speed on a connection of its own */

typedef struct
{
  const char *table;
  guint n_rows;
  gint stop;               /* atomic */
  guint64 n_statements;
  gint64 longest_us;
  char *longest_sql;
  guint64 lock_waits;      /* the server's count when it started */
  GThread *thread;
} Writer;

/* The lock waits the server counted (InnoDB row locks, table locks). */
static guint64
lock_waits (void)
{
  g_autofree char *rows = query ("SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS "
                                 "WHERE VARIABLE_NAME IN ('INNODB_ROW_LOCK_WAITS', "
                                 "'TABLE_LOCKS_WAITED')");

  return g_ascii_strtoull (rows, NULL, 10);
}

static gpointer
writer_main (gpointer data)
{
  Writer *writer = data;
  MYSQL *conn = mysql_init (NULL);
  GRand *rand = g_rand_new_with_seed (42);
  static gint runs = 0;
  /* New keys of each writer beyond those of the ones before. */
  gint64 first_id = writer->n_rows + 1 + (gint64) g_atomic_int_add (&runs, 1) * 100000000;
  gint64 next_id = first_id;

  g_assert_nonnull (mysql_real_connect (conn, NULL, "root", "", NULL, 0,
                                        test_server_get_socket (server), 0));
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *sql = NULL;
      /* An existing row, or one of the new ones. */
      gint64 id = g_rand_boolean (rand) || next_id == first_id
                  ? g_rand_int_range (rand, 1, writer->n_rows + 1)
                  : first_id + g_rand_int_range (rand, 0, next_id - first_id);
      gint64 before;
      gint64 took;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          sql = g_strdup_printf ("INSERT INTO %s VALUES (%" G_GINT64_FORMAT ", 1, 2.5, NOW(6), 'new')",
                                 writer->table, next_id++);
          break;
        case 1:
          sql = g_strdup_printf ("UPDATE %s SET k = k + 1, s = CONCAT(s, '+') WHERE id = %" G_GINT64_FORMAT,
                                 writer->table, id);
          break;
        case 2:
          /* A new primary key, beyond every row the snapshot may read. */
          sql = g_strdup_printf ("UPDATE IGNORE %s SET id = %" G_GINT64_FORMAT ", d = NULL WHERE id = %" G_GINT64_FORMAT,
                                 writer->table, next_id++, id);
          break;
        case 3:
          /* ... and one below. */
          sql = g_strdup_printf ("UPDATE IGNORE %s SET id = -id WHERE id = %" G_GINT64_FORMAT,
                                 writer->table, id);
          break;
        default:
          sql = g_strdup_printf ("DELETE FROM %s WHERE id = %" G_GINT64_FORMAT, writer->table, id);
          break;
        }
      before = g_get_monotonic_time ();
      if (mysql_query (conn, sql) != 0)
        g_error ("%s: %s", sql, mysql_error (conn));
      took = g_get_monotonic_time () - before;
      if (took > writer->longest_us)
        {
          writer->longest_us = took;
          g_free (writer->longest_sql);
          writer->longest_sql = g_strdup (sql);
        }
      writer->n_statements++;
    }
  mysql_close (conn);
  g_rand_free (rand);
  return NULL;
}

static void
writer_start (Writer     *writer,
              const char *table,
              guint       n_rows)
{
  memset (writer, 0, sizeof *writer);
  writer->table = table;
  writer->n_rows = n_rows;
  writer->lock_waits = lock_waits ();
  writer->thread = g_thread_new ("writer", writer_main, writer);
}

/* The longest statement of the writer alone for a second, on this
 * machine now: what the snapshot's is compared with. */
static gint64
writer_baseline (const char *table,
                 guint       n_rows)
{
  Writer writer;

  memset (&writer, 0, sizeof writer);
  writer.table = table;
  writer.n_rows = n_rows;
  writer.thread = g_thread_new ("writer", writer_main, &writer);
  g_usleep (G_USEC_PER_SEC);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (writer.thread);
  g_test_message ("writer alone: %" G_GUINT64_FORMAT " statements in 1 s, the longest %"
                  G_GINT64_FORMAT " us", writer.n_statements, writer.longest_us);
  g_free (writer.longest_sql);
  return writer.longest_us;
}

static void
writer_stop (Writer *writer,
             gint64  baseline_us)
{
  g_atomic_int_set (&writer->stop, 1);
  g_thread_join (writer->thread);
  g_test_message ("writer: %" G_GUINT64_FORMAT " statements during the snapshot, the longest %"
                  G_GINT64_FORMAT " us (%s)", writer->n_statements, writer->longest_us,
                  writer->longest_sql);
  /* No lock is taken: the server counted no row or table lock wait
   * while the writer ran, and a statement never waited for a chunk.  The
   * time of the longest one also measures the machine: under the load of
   * the whole suite on two cores the writer alone stalls for a few tens
   * of milliseconds, hence the bound of 3 times its own longest. */
  g_assert_cmpuint (lock_waits (), ==, writer->lock_waits);
  g_assert_cmpint (writer->longest_us, <, MAX (100000, 3 * baseline_us));
  g_assert_cmpuint (writer->n_statements, >, 0);
  g_free (writer->longest_sql);
}

/* Reads the changes from where @stream ended to the binlog's end. */
static void
catch_up (Mirror            *mirror,
          MysqlBinlogStream *stream,
          const char        *table)
{
  g_autoptr(MysqlBinlogStream) rest = new_stream ();
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_stream_get_position (stream);
  g_autoptr(GError) error = NULL;

  g_object_set (rest, "start-position", position, NULL);
  mirror_connect (mirror, rest, table);
  g_assert_true (mysql_binlog_stream_run (rest, NULL, &error));
  g_assert_no_error (error);
}

/* }}} */

static void
test_initial_with_writer (void)
{
  const char *table = "snap.m";
  guint n = table_rows ();
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mirrored = NULL;
  g_autofree char *expected = NULL;
  Writer writer;
  Mirror mirror;
  gint64 baseline;

  create_mirror_table (table, n);
  baseline = writer_baseline (table, n);
  mirror_init (&mirror);
  mirror_connect (&mirror, stream, table);
  g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL, "snapshot-chunk-size", 500,
                "blocking", TRUE, NULL);
  g_signal_connect (stream, "snapshot-finished", G_CALLBACK (mysql_binlog_stream_stop), NULL);

  writer_start (&writer, table, n);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  writer_stop (&writer, baseline);
  g_assert_true (g_atomic_int_get (&mirror.finished));
  catch_up (&mirror, stream, table);

  g_test_message ("%" G_GUINT64_FORMAT " rows read, %" G_GUINT64_FORMAT " changes, %u chunks",
                  mirror.n_read, mirror.n_changes, mirror.n_chunks);
  g_assert_cmpuint (mirror.n_chunks, >=, n / 500);
  g_assert_cmpuint (mirror.n_out_of_order, ==, 0);
  mirrored = mirror_text (&mirror);
  expected = table_text (table);
  g_assert_cmpuint (strlen (mirrored), ==, strlen (expected));
  g_assert_cmpstr (mirrored, ==, expected);
  mirror_clear (&mirror);
}

/* snapshot_table() from a handler of a running stream, with the writer
 * going on: asked at the first change of the table. */
static void
on_first_change (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 gboolean          *asked)
{
  g_autoptr(GError) error = NULL;

  if (*asked)
    return;
  *asked = TRUE;
  g_assert_true (mysql_binlog_stream_snapshot_table (stream, "snap.r", &error));
  g_assert_no_error (error);
}

static void
test_table_on_running_stream (void)
{
  const char *table = "snap.r";
  guint n = table_rows ();
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mirrored = NULL;
  g_autofree char *expected = NULL;
  gboolean asked = FALSE;
  Writer writer;
  Mirror mirror;
  gint64 baseline;

  create_mirror_table (table, n);
  baseline = writer_baseline (table, n);
  start = test_server_master_position (server);
  mirror_init (&mirror);
  mirror_connect (&mirror, stream, table);
  g_signal_connect (stream, "rows-updated::snap.r", G_CALLBACK (on_first_change), &asked);
  g_signal_connect (stream, "rows-inserted::snap.r", G_CALLBACK (on_first_change), &asked);
  g_signal_connect (stream, "rows-deleted::snap.r", G_CALLBACK (on_first_change), &asked);
  g_object_set (stream, "start-position", start, "snapshot-chunk-size", 700, "blocking", TRUE,
                NULL);
  g_signal_connect (stream, "snapshot-finished", G_CALLBACK (mysql_binlog_stream_stop), NULL);

  /* Not running: refused. */
  g_assert_false (mysql_binlog_stream_snapshot_table (stream, "snap.r", &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  writer_start (&writer, table, n);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  writer_stop (&writer, baseline);
  g_assert_true (asked);
  g_assert_true (g_atomic_int_get (&mirror.finished));
  catch_up (&mirror, stream, table);

  g_test_message ("%" G_GUINT64_FORMAT " rows read, %" G_GUINT64_FORMAT " changes",
                  mirror.n_read, mirror.n_changes);
  g_assert_cmpuint (mirror.n_read, >, 0);
  g_assert_cmpuint (mirror.n_out_of_order, ==, 0);
  mirrored = mirror_text (&mirror);
  expected = table_text (table);
  g_assert_cmpstr (mirrored, ==, expected);
  mirror_clear (&mirror);
}

/* snapshot_table() from another thread while the stream waits on an idle
 * server: taken up at once, not at the next heartbeat (30 s). */
static gpointer
run_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mysql_binlog_stream_run (data, NULL, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
note_event (gint *got_event)
{
  g_atomic_int_set (got_event, 1);
}

static void
test_table_from_another_thread (void)
{
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  Mirror mirror;
  gint64 asked;
  double waited;
  gint got_event = 0;

  create_mirror_table ("snap.idle", 300);
  start = test_server_master_position (server);
  mirror_init (&mirror);
  mirror_connect (&mirror, stream, "snap.idle");
  g_object_set (stream, "start-position", start, "blocking", TRUE, NULL);
  g_signal_connect (stream, "snapshot-finished", G_CALLBACK (mysql_binlog_stream_stop), NULL);
  g_signal_connect_swapped (stream, "binlog", G_CALLBACK (note_event), &got_event);
  thread = g_thread_new ("stream", run_in_thread, stream);
  /* Once it has read the first events and waits for more. */
  while (!g_atomic_int_get (&got_event))
    g_usleep (10000);
  g_usleep (500000);
  g_assert_true (mysql_binlog_stream_snapshot_table (stream, "snap.idle", &error));
  g_assert_no_error (error);
  asked = g_get_monotonic_time ();
  g_thread_join (thread);
  waited = (g_get_monotonic_time () - asked) / 1e6;
  g_test_message ("read %" G_GUINT64_FORMAT " rows %.3f s after the request", mirror.n_read, waited);
  g_assert_cmpuint (mirror.n_read, ==, 300);
  g_assert_cmpfloat (waited, <, 5.0);
  mirror_clear (&mirror);
}

/* Stopped after every third chunk and restarted from its store: every
 * row is read once, none again, and the mirror is the table. */
static void
test_resume (void)
{
  const char *table = "snap.s";
  guint n = table_rows ();
  g_autofree char *dir = g_dir_make_tmp ("snapshot-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "position", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autofree char *mirrored = NULL;
  g_autofree char *expected = NULL;
  guint runs = 0;
  Mirror mirror;

  create_mirror_table (table, n);
  mirror_init (&mirror);
  mirror.stop_after_chunks = 3;
  do
    {
      g_autoptr(MysqlBinlogStream) stream = new_stream ();
      g_autoptr(GError) error = NULL;

      g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY,
                    "snapshot-chunk-size", 1000, "position-store", store, NULL);
      mirror_connect (&mirror, stream, table);
      g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      runs++;
      g_assert_cmpuint (runs, <, 100);
    }
  while (!g_atomic_int_get (&mirror.finished));

  g_test_message ("%u runs, %" G_GUINT64_FORMAT " rows read", runs, mirror.n_read);
  g_assert_cmpuint (runs, >=, n / 3000);
  /* Chunks saved are not read again. */
  g_assert_cmpuint (mirror.n_read, ==, n);
  mirrored = mirror_text (&mirror);
  expected = table_text (table);
  g_assert_cmpstr (mirrored, ==, expected);

  /* Done: an INITIAL_ONLY run of the same store reads nothing. */
  {
    g_autoptr(MysqlBinlogStream) stream = new_stream ();
    g_autoptr(GError) error = NULL;
    guint64 before = mirror.n_read;

    g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY,
                  "position-store", store, NULL);
    mirror_connect (&mirror, stream, table);
    g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (mirror.n_read, ==, before);
  }
  mirror_clear (&mirror);
  g_unlink (path);
  g_rmdir (dir);
}

/* The snapshot's connection killed in the middle of a chunk: the chunk
 * goes on after the last row delivered, on a new connection. */
static void
test_killed_connection (void)
{
  const char *table = "snap.k";
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mirrored = NULL;
  g_autofree char *expected = NULL;
  Mirror mirror;

  create_mirror_table (table, 5000);
  mirror_init (&mirror);
  /* The one connection with a transaction open: the chunk's. */
  mirror.kill_query = g_strdup ("SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX "
                                "LIMIT 1");
  mirror.kill_at = 1500;
  mirror_connect (&mirror, stream, table);
  g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, "snapshot-chunk-size", 2000,
                NULL);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mirror.killed);
  g_assert_cmpuint (mirror.n_read, ==, 5000);
  mirrored = mirror_text (&mirror);
  expected = table_text (table);
  g_assert_cmpstr (mirrored, ==, expected);
  mirror_clear (&mirror);
}

/* The lines of @path (0 when it does not exist). */
static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* A consumer process SIGKILLed five times in the middle of the snapshot
 * and started again with its position file: every row is read, and no
 * more than the chunk under way at each kill is read again. */
static void
test_sigkill (void)
{
  const char *table = "snap.killed";
  const guint chunk = 1000;
  guint n = table_rows ();
  g_autofree char *dir = g_dir_make_tmp ("snapshot-kill-XXXXXX", NULL);
  g_autofree char *position = g_build_filename (dir, "position", NULL);
  g_autofree char *output = g_build_filename (dir, "output", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *ids = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint kills = 0;
  gboolean done = FALSE;

  if (!g_file_test (SNAPSHOT_CONSUMER, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the snapshot-consumer program is not built");
      return;
    }
  create_mirror_table (table, n);
  for (guint attempt = 0; !done; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *server_id = g_strdup_printf ("%u", 900000 + attempt);
      g_autofree char *slow = g_strdup_printf ("%u", kills < 5 ? 50 : 0);
      const char *argv[] = {
        SNAPSHOT_CONSUMER, test_server_get_socket (server), server_id, position, output,
        table, "1000", slow, NULL,
      };
      guint before = count_lines (output);
      GPid pid;
      int status = 0;

      g_assert_cmpuint (attempt, <, 20);
      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                    NULL, &pid, &error));
      g_assert_no_error (error);
      if (kills < 5)
        {
          /* Into the middle of a chunk, past a few saved ones. */
          gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

          while (count_lines (output) < before + 2 * chunk + chunk / 2 &&
                 g_get_monotonic_time () < end && waitpid (pid, &status, WNOHANG) == 0)
            g_usleep (2000);
          if (waitpid (pid, &status, WNOHANG) == 0)
            {
              kill (pid, SIGKILL);
              g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
              kills++;
              continue;
            }
        }
      else
        g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      done = TRUE;
      g_spawn_close_pid (pid);
    }

  g_assert_true (g_file_get_contents (output, &ids, NULL, NULL));
  lines = g_strsplit (ids, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_hash_table_add (seen, lines[i]);
  g_test_message ("%u kills, %u rows delivered for %u rows", kills, g_strv_length (lines) - 1, n);
  g_assert_cmpuint (kills, ==, 5);
  /* Every row, and again only what the chunk under way at a kill had
   * delivered. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  g_assert_cmpuint (g_strv_length (lines) - 1, <=, n + kills * chunk);
  g_assert_true (g_file_get_contents (position, &saved, NULL, NULL));
  g_assert_null (strstr (saved, "snapshot:"));
  g_unlink (position);
  g_unlink (output);
  g_rmdir (dir);
}

/* Keys of other kinds: the rows come once each, in key order when there
 * is a key the chunks walk. */
static void
on_read_text (MysqlBinlogStream *stream,
              MysqlBinlogRow    *row,
              GPtrArray         *texts)
{
  g_ptr_array_add (texts, row_text (row));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* @order_by NULL: in any order (a table read in one pass). */
static void
check_keys (const char *definition,
            const char *rows,
            const char *order_by)
{
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;

  test_server_exec (server, "DROP TABLE IF EXISTS snap.keys");
  sql = g_strdup_printf ("CREATE TABLE snap.keys (%s)", definition);
  test_server_exec (server, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO snap.keys VALUES %s", rows);
  test_server_exec (server, sql);
  g_free (sql);
  g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, "snapshot-chunk-size", 2,
                NULL);
  g_signal_connect (stream, "rows-read::snap.keys", G_CALLBACK (on_read_text), texts);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  if (order_by == NULL)
    g_ptr_array_sort (texts, compare_strings);
  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (got, "%s%s", i > 0 ? "\n" : "", (char *) texts->pdata[i]);
  test_server_exec (server, "SET SESSION group_concat_max_len = 1073741824");
  sql = g_strdup_printf ("SELECT GROUP_CONCAT(CONCAT_WS('|', a, b, c) ORDER BY %s SEPARATOR '\n') "
                         "FROM snap.keys", order_by != NULL ? order_by : "a, b");
  expected = query (sql);
  if (order_by == NULL)
    {
      g_auto(GStrv) lines = g_strsplit (expected, "\n", -1);

      qsort (lines, g_strv_length (lines), sizeof (char *), compare_strings);
      g_free (expected);
      expected = g_strjoinv ("\n", lines);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
on_read_uuid (MysqlBinlogStream *stream,
              MysqlBinlogRow    *row,
              GPtrArray         *texts)
{
  g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, 0);
  GString *text = g_string_new (NULL);
  gsize length;
  const guint8 *data = g_variant_get_fixed_array (value, &length, 1);

  for (gsize b = 0; b < length; b++)
    g_string_append_printf (text, "%02x", data[b]);
  g_string_append_printf (text, "|%" G_GINT64_FORMAT, mysql_binlog_row_get_int64 (row, 1));
  g_ptr_array_add (texts, g_string_free (text, FALSE));
}

/* A UUID key, whose order (that of the record, groups swapped for some
 * UUIDs) is not that of the bytes read: the table is read in one pass,
 * every row once, whatever the chunk size. */
static void
check_uuid_key (void)
{
  static const char * const expected[] = {
    "00000000000000000000000000000001|5",
    "123e4567e89b42d3a456426614174000|2",
    "6ccd780cbaba102695645b8c656024db|1",
    "6ccd780dbaba102695645b8c656024db|3",
    "ffffffffffff1fffbfffffffffffffff|4",
  };
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "DROP TABLE IF EXISTS snap.ukeys");
  test_server_exec (server, "CREATE TABLE snap.ukeys (u UUID PRIMARY KEY, n INT)");
  test_server_exec (server, "INSERT INTO snap.ukeys VALUES "
                            "('6ccd780c-baba-1026-9564-5b8c656024db', 1), "
                            "('123e4567-e89b-42d3-a456-426614174000', 2), "
                            "('6ccd780d-baba-1026-9564-5b8c656024db', 3), "
                            "('ffffffff-ffff-1fff-bfff-ffffffffffff', 4), "
                            "('00000000-0000-0000-0000-000000000001', 5)");
  g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, "snapshot-chunk-size", 2,
                NULL);
  g_signal_connect (stream, "rows-read::snap.ukeys", G_CALLBACK (on_read_uuid), texts);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_sort (texts, compare_strings);
  g_assert_cmpuint (texts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < texts->len; i++)
    g_assert_cmpstr (texts->pdata[i], ==, expected[i]);
}

static void
test_keys (void)
{
  static const char *rows =
    "('x', 2, '2024-01-01 00:00:00.5'), ('x', 1, '2024-01-01 00:00:00.25'), "
    "('Y', 1, '2023-01-01 00:00:00'), (_utf8mb4 X'C3A9', 7, '2025-01-01 00:00:00.000001'), "
    "('a''b', 3, '2022-02-02 02:02:02'), ('a', 9, '2021-01-01 00:00:00.999999'), "
    "('', 5, '2020-01-01 00:00:00')";

  test_server_exec (server, "CREATE DATABASE IF NOT EXISTS snap");
  /* A composite key of a text column (a case-insensitive collation) and
   * an integer, in the key's order, not the columns'. */
  check_keys ("a VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci, b INT, "
              "c DATETIME(6), PRIMARY KEY (a, b)", rows, "a, b");
  check_keys ("a VARCHAR(10) CHARACTER SET utf8mb4, b INT, c DATETIME(6), PRIMARY KEY (b, a)",
              rows, "b, a");
  /* A temporal key. */
  check_keys ("a VARCHAR(10), b INT, c DATETIME(6) PRIMARY KEY", rows, "c");
  /* No key, and a key on a prefix: one pass. */
  check_keys ("a VARCHAR(10), b INT, c DATETIME(6)", rows, NULL);
  check_keys ("a VARCHAR(10), b INT, c DATETIME(6), PRIMARY KEY (a(1), b)", rows, NULL);
  check_uuid_key ();
}

/* The table changed and dropped between chunks, from a handler of a
 * chunk's position (no transaction is open then). */
typedef struct
{
  guint n_positions;
  const char *ddl;
  guint64 n_read;
  guint n_columns_last;
} Ddl;

static void
on_ddl_position (MysqlBinlogStream   *stream,
                 MysqlBinlogPosition *position,
                 Ddl                 *ddl)
{
  g_autofree char *text = mysql_binlog_position_to_string (position);

  if (strstr (text, " snapshot:") != NULL && ++ddl->n_positions == 2)
    test_server_exec (server, ddl->ddl);
}

static void
on_ddl_read (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Ddl               *ddl)
{
  ddl->n_read++;
  ddl->n_columns_last = mysql_binlog_row_get_n_columns (row);
}

static void
test_ddl (void)
{
  g_autoptr(GError) error = NULL;

  create_mirror_table ("snap.ddl", 100);
  {
    g_autoptr(MysqlBinlogStream) stream = new_stream ();
    Ddl ddl = { 0, "ALTER TABLE snap.ddl ADD COLUMN extra INT DEFAULT 42", 0, 0 };

    g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY,
                  "snapshot-chunk-size", 10, NULL);
    g_signal_connect (stream, "rows-read::snap.ddl", G_CALLBACK (on_ddl_read), &ddl);
    g_signal_connect (stream, "binlog-position", G_CALLBACK (on_ddl_position), &ddl);
    g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_no_error (error);
    /* The rows after the change have its column, as its changes do. */
    g_assert_cmpuint (ddl.n_read, ==, 100);
    g_assert_cmpuint (ddl.n_columns_last, ==, 6);
  }
  {
    g_autoptr(MysqlBinlogStream) stream = new_stream ();
    Ddl ddl = { 0, "DROP TABLE snap.ddl", 0, 0 };

    g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY,
                  "snapshot-chunk-size", 10, NULL);
    g_signal_connect (stream, "rows-read::snap.ddl", G_CALLBACK (on_ddl_read), &ddl);
    g_signal_connect (stream, "binlog-position", G_CALLBACK (on_ddl_position), &ddl);
    g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "snap.ddl"));
    g_assert_cmpuint (ddl.n_read, ==, 20);
  }
}

/* The server restarted in the middle of a chunk: the snapshot and the
 * binlog reader both connect again, and the rows go on, none lost and
 * none read twice beyond the chunk under way. */
static void
test_server_restarted (void)
{
  const char *table = "snap.restart";
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mirrored = NULL;
  g_autofree char *expected = NULL;
  Mirror mirror;

  create_mirror_table (table, 5000);
  mirror_init (&mirror);
  mirror.restart_at = 2500;
  mirror_connect (&mirror, stream, table);
  g_signal_connect_after (stream, "rows-read", G_CALLBACK (on_read_restart), &mirror);
  g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, "snapshot-chunk-size", 1000,
                "reconnect-attempts", 20, "reconnect-delay", 100, NULL);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%" G_GUINT64_FORMAT " rows read", mirror.n_read);
  g_assert_true (g_atomic_int_get (&mirror.finished));
  g_assert_cmpuint (mirror.n_read, >=, 5000);
  g_assert_cmpuint (mirror.n_read, <=, 5000 + 1000);
  mirrored = mirror_text (&mirror);
  expected = table_text (table);
  g_assert_cmpstr (mirrored, ==, expected);
  mirror_clear (&mirror);
}

static void
on_ask_missing (MysqlBinlogStream   *stream,
                MysqlBinlogPosition *position,
                gboolean            *asked)
{
  g_autoptr(GError) error = NULL;

  if (*asked)
    return;
  *asked = TRUE;
  g_assert_true (mysql_binlog_stream_snapshot_table (stream, "snap.no_such_table", &error));
  g_assert_no_error (error);
}

static void
on_ask_secret (MysqlBinlogStream   *stream,
               MysqlBinlogPosition *position,
               gboolean            *asked)
{
  g_autoptr(GError) error = NULL;

  if (*asked)
    return;
  *asked = TRUE;
  g_assert_true (mysql_binlog_stream_snapshot_table (stream, "snap.secret", &error));
  g_assert_no_error (error);
}

static void
test_faults (void)
{
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "CREATE DATABASE IF NOT EXISTS snap");

  /* A table that does not exist. */
  {
    g_autoptr(MysqlBinlogStream) stream = new_stream ();
    g_autoptr(MysqlBinlogPosition) start = test_server_master_position (server);
    gboolean asked = FALSE;

    g_object_set (stream, "start-position", start, NULL);
    g_signal_connect (stream, "binlog-position", G_CALLBACK (on_ask_missing), &asked);
    test_server_exec (server, "CREATE TABLE IF NOT EXISTS snap.tick (id INT)");
    test_server_exec (server, "INSERT INTO snap.tick VALUES (1)");
    g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "snap.no_such_table"));
    g_clear_error (&error);
  }

  /* A bad name, and a table the filters leave out. */
  {
    g_autoptr(MysqlBinlogStream) stream = new_stream ();
    const char *only[] = { "other", NULL };

    g_object_set (stream, "only-schemas", only, NULL);
    g_assert_false (mysql_binlog_stream_snapshot_table (stream, "nodot", &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  /* An account without SELECT on the table: one that sees it (it may
   * INSERT) fails on its SELECT, with the server's refusal; so does one
   * that does not see it at all when the table is asked for (the initial
   * snapshot lists the tables the account sees: it cannot know others). */
  {
    g_autoptr(MysqlBinlogStream) stream = new_stream ();
    g_autoptr(MysqlBinlogStream) blind = new_stream ();
    g_autoptr(MysqlBinlogPosition) start = NULL;
    const char *secret_only[] = { "snap.secret", NULL };
    gboolean asked = FALSE;

    test_server_exec (server, "CREATE TABLE IF NOT EXISTS snap.secret (id INT PRIMARY KEY)");
    test_server_exec (server, "INSERT IGNORE INTO snap.secret VALUES (1)");
    test_server_exec (server, "CREATE USER IF NOT EXISTS 'noselect'@'localhost'");
    test_server_exec (server, "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'noselect'@'localhost'");
    test_server_exec (server, "GRANT INSERT ON snap.secret TO 'noselect'@'localhost'");
    g_object_set (stream, "user", "noselect", "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY,
                  NULL);
    g_signal_connect (stream, "rows-read::snap.secret", G_CALLBACK (on_collect), NULL);
    g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_ACCESS_DENIED);
    g_assert_nonnull (strstr (error->message, "snap.secret"));
    g_assert_nonnull (strstr (error->message, "SELECT"));
    g_clear_error (&error);

    test_server_exec (server, "REVOKE INSERT ON snap.secret FROM 'noselect'@'localhost'");
    start = test_server_master_position (server);
    g_object_set (blind, "user", "noselect", "start-position", start, "only-tables", secret_only,
                  NULL);
    g_signal_connect (blind, "binlog-position", G_CALLBACK (on_ask_secret), &asked);
    test_server_exec (server, "INSERT INTO snap.tick VALUES (2)");
    g_assert_false (mysql_binlog_stream_run (blind, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_ACCESS_DENIED);
    g_assert_nonnull (strstr (error->message, "snap.secret"));
    g_clear_error (&error);
  }

  /* A file stream has no rows to read. */
  {
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent");
    g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);

    g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL, NULL);
    g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
}

/* The peak resident memory (VmHWM) since it was last reset, in KiB. */
static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

static void
count_row (MysqlBinlogStream *stream,
           MysqlBinlogRow    *row,
           guint64           *count)
{
  (*count)++;
}

static void
test_memory (void)
{
  const char *env = g_getenv ("MYSQL_BINLOG_SNAPSHOT_BIG_ROWS");
  guint n = env != NULL ? (guint) atoi (env) : 0;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint64 count = 0;
  guint64 before, peak;
  gint64 start;
  double seconds;

  if (n == 0)
    {
      g_test_skip ("set MYSQL_BINLOG_SNAPSHOT_BIG_ROWS (e.g. 2000000) to measure the memory "
                   "of a big snapshot");
      return;
    }
  create_mirror_table ("snap.big", n);
  stream = new_stream ();
  g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, NULL);
  g_signal_connect (stream, "rows-read::snap.big", G_CALLBACK (count_row), &count);
  /* Resets VmHWM to the current RSS (when the kernel lets it: else the
   * peak is that of the whole program, no less strict). */
  {
    FILE *clear = fopen ("/proc/self/clear_refs", "w");

    if (clear != NULL)
      {
        fputs ("5", clear);
        fclose (clear);
      }
  }
  before = peak_rss_kib ();
  start = g_get_monotonic_time ();
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  peak = peak_rss_kib ();
  g_test_message ("%" G_GUINT64_FORMAT " rows in %.1f s (%.0f rows/s), peak RSS %" G_GUINT64_FORMAT
                  " KiB (%" G_GUINT64_FORMAT " KiB before)", count, seconds, count / seconds,
                  peak, before);
  g_assert_cmpuint (count, ==, n);
  g_assert_cmpuint (peak, <, 32 * 1024);
}

/* {{{ A table without a primary key: every change once */

/* A mirror of snap.kz (a INT, b VARCHAR(5)), which has no key: a multiset
 * of rows.  rows-read and rows-inserted add a row, rows-deleted removes
 * one equal row, rows-updated replaces one.  With @clear_at_start, the
 * copy is cleared at the table's snapshot-started (the documented use of
 * snapshot_table() on a running stream). */
typedef struct
{
  GHashTable *rows;        /* "a|b" -> count */
  gboolean clear_at_start;
  guint64 n_read;
  guint64 n_changes;
  guint64 n_missing;       /* a row deleted or updated that the mirror does not have */
  guint n_started;
  guint n_ka_read;
  gboolean asked;
  guint n_asked_positions;  /* positions since the request, before the read */
  guint n_unnamed;          /* of those, how many do not name snap.kz */
} Multiset;

static char *
kz_text (MysqlBinlogRow *row)
{
  g_autofree char *a = mysql_binlog_row_dup_string (row, 0);
  g_autofree char *b = mysql_binlog_row_dup_string (row, 1);

  return g_strdup_printf ("%s|%s", a, b);
}

static void
multiset_add (Multiset       *set,
              MysqlBinlogRow *row)
{
  char *text = kz_text (row);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (set->rows, text));

  g_hash_table_replace (set->rows, text, GUINT_TO_POINTER (count + 1));
}

static void
multiset_remove (Multiset       *set,
                 MysqlBinlogRow *row)
{
  g_autofree char *text = kz_text (row);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (set->rows, text));

  if (count == 0)
    set->n_missing++;
  else if (count == 1)
    g_hash_table_remove (set->rows, text);
  else
    g_hash_table_replace (set->rows, g_strdup (text), GUINT_TO_POINTER (count - 1));
}

static void
on_kz_read (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            Multiset          *set)
{
  multiset_add (set, row);
  set->n_read++;
}

static void
on_kz_inserted (MysqlBinlogStream *stream,
                MysqlBinlogRow    *row,
                Multiset          *set)
{
  multiset_add (set, row);
  set->n_changes++;
}

static void
on_kz_deleted (MysqlBinlogStream *stream,
               MysqlBinlogRow    *row,
               Multiset          *set)
{
  multiset_remove (set, row);
  set->n_changes++;
}

static void
on_kz_updated (MysqlBinlogStream *stream,
               MysqlBinlogRow    *before,
               MysqlBinlogRow    *after,
               Multiset          *set)
{
  multiset_remove (set, before);
  multiset_add (set, after);
  set->n_changes++;
}

static void
on_kz_started (MysqlBinlogStream *stream,
               const char        *schema_table,
               Multiset          *set)
{
  if (g_strcmp0 (schema_table, "snap.kz") != 0)
    return;
  set->n_started++;
  /* What the copy had before (from a stream that started after some of
   * its rows existed) is dropped with it. */
  if (set->clear_at_start)
    {
      g_hash_table_remove_all (set->rows);
      set->n_missing = 0;
    }
}

/* While snap.ka (keyed, read before snap.kz) is read: changes of snap.kz
 * at points before its read, in transactions of one and of several rows. */
static void
on_ka_read (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            Multiset          *set)
{
  set->n_ka_read++;
  if (set->n_ka_read % 10 == 0)
    test_server_exec (server, "INSERT INTO snap.kz VALUES (1, 'd')");
  if (set->n_ka_read % 50 == 0)
    test_server_exec (server, "DELETE FROM snap.kz WHERE a = 1 LIMIT 1");
  if (set->n_ka_read % 70 == 0)
    test_server_exec (server, "UPDATE snap.kz SET b = 'u' WHERE b = 'd' LIMIT 1");
  if (set->n_ka_read % 300 == 0)
    test_server_exec (server, "INSERT INTO snap.kz VALUES (2, 'e'), (2, 'e'), (3, 'f')");
}

static void
multiset_connect (Multiset          *set,
                  MysqlBinlogStream *stream)
{
  g_signal_connect (stream, "rows-read::snap.kz", G_CALLBACK (on_kz_read), set);
  g_signal_connect (stream, "rows-inserted::snap.kz", G_CALLBACK (on_kz_inserted), set);
  g_signal_connect (stream, "rows-deleted::snap.kz", G_CALLBACK (on_kz_deleted), set);
  g_signal_connect (stream, "rows-updated::snap.kz", G_CALLBACK (on_kz_updated), set);
  g_signal_connect (stream, "snapshot-started", G_CALLBACK (on_kz_started), set);
}

static guint
multiset_size (Multiset *set)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, set->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);
  return n;
}

static char *
multiset_text (Multiset *set)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, set->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (guint i = 0; i < GPOINTER_TO_UINT (value); i++)
      g_ptr_array_add (lines, g_strdup (key));
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
on_snapshot_finished_kz (MysqlBinlogStream *stream,
                         const char        *schema_table,
                         guint64            n_rows)
{
  if (g_strcmp0 (schema_table, "snap.kz") == 0)
    mysql_binlog_stream_stop (stream);
}

/* A writer of its own connection on snap.kz until stopped. */
typedef struct
{
  gint stop;               /* atomic */
  guint n_statements;
  GThread *thread;
} KzWriter;

static gpointer
kz_writer_main (gpointer data)
{
  KzWriter *writer = data;
  MYSQL *conn = mysql_init (NULL);
  GRand *rand = g_rand_new_with_seed (7);

  g_assert_nonnull (mysql_real_connect (conn, NULL, "root", "", NULL, 0,
                                        test_server_get_socket (server), 0));
  while (!g_atomic_int_get (&writer->stop))
    {
      static const char * const statements[] = {
        "INSERT INTO snap.kz VALUES (4, 'w')",
        "INSERT INTO snap.kz VALUES (4, 'w'), (5, 'x')",
        "DELETE FROM snap.kz WHERE a = 4 LIMIT 1",
        "UPDATE snap.kz SET b = 'y' WHERE b = 'w' LIMIT 1",
        "UPDATE snap.kz SET a = a + 10 WHERE a = 5 LIMIT 2",
      };
      const char *sql = statements[g_rand_int_range (rand, 0, G_N_ELEMENTS (statements))];

      g_assert_cmpint (mysql_query (conn, sql), ==, 0);
      writer->n_statements++;
      g_usleep (2000);
    }
  g_rand_free (rand);
  mysql_close (conn);
  return NULL;
}

static void
kz_writer_start (KzWriter *writer)
{
  memset (writer, 0, sizeof *writer);
  writer->thread = g_thread_new ("kz-writer", kz_writer_main, writer);
}

static void
kz_writer_stop (KzWriter *writer)
{
  g_atomic_int_set (&writer->stop, 1);
  g_thread_join (writer->thread);
  g_test_message ("kz writer: %u statements", writer->n_statements);
}

static void
create_keyless_tables (void)
{
  create_mirror_table ("snap.ka", 3000);
  test_server_exec (server, "DROP TABLE IF EXISTS snap.kz");
  test_server_exec (server, "CREATE TABLE snap.kz (a INT, b VARCHAR(5))");
  test_server_exec (server, "INSERT INTO snap.kz VALUES (1, 'a'), (1, 'a'), (2, 'b'), (3, 'c')");
}

/* The mirror, brought up to the binlog's end from where @stream ended,
 * against the table. */
static void
check_multiset (Multiset          *set,
                MysqlBinlogStream *stream)
{
  g_autoptr(MysqlBinlogStream) rest = new_stream ();
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_stream_get_position (stream);
  g_autoptr(GError) error = NULL;
  g_autofree char *mirrored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *n_real = NULL;
  g_auto(GStrv) lines = NULL;

  g_object_set (rest, "start-position", position, NULL);
  multiset_connect (set, rest);
  g_assert_true (mysql_binlog_stream_run (rest, NULL, &error));
  g_assert_no_error (error);

  test_server_exec (server, "SET SESSION group_concat_max_len = 1073741824");
  expected = query ("SELECT IFNULL(GROUP_CONCAT(CONCAT_WS('|', a, b) SEPARATOR '\\n'), '') "
                    "FROM snap.kz");
  lines = g_strsplit (expected, "\n", -1);
  qsort (lines, g_strv_length (lines), sizeof (char *), compare_strings);
  g_free (expected);
  expected = g_strjoinv ("\n", lines);
  mirrored = multiset_text (set);
  n_real = query ("SELECT COUNT(*) FROM snap.kz");
  g_test_message ("snap.kz: %" G_GUINT64_FORMAT " rows read, %" G_GUINT64_FORMAT " changes, "
                  "%u rows in the mirror, %s in the table", set->n_read, set->n_changes,
                  multiset_size (set), n_real);
  g_assert_cmpuint (set->n_missing, ==, 0);
  g_assert_cmpstr (mirrored, ==, expected);
}

/* INITIAL: the changes of snap.kz made while snap.ka is read are in the
 * read of snap.kz, and are not delivered as changes too. */
static void
test_keyless_initial (void)
{
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(GError) error = NULL;
  Multiset set = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), FALSE };
  KzWriter writer;

  create_keyless_tables ();
  multiset_connect (&set, stream);
  g_signal_connect (stream, "rows-read::snap.ka", G_CALLBACK (on_ka_read), &set);
  g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL, "snapshot-chunk-size", 500,
                "blocking", TRUE, NULL);
  g_signal_connect (stream, "snapshot-finished", G_CALLBACK (on_snapshot_finished_kz), NULL);

  kz_writer_start (&writer);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  /* Changes after its read are delivered as usual. */
  test_server_exec (server, "INSERT INTO snap.kz VALUES (1, 'd'), (9, 'z')");
  test_server_exec (server, "DELETE FROM snap.kz WHERE a = 2 LIMIT 1");
  kz_writer_stop (&writer);
  g_assert_cmpuint (set.n_started, ==, 1);
  g_assert_cmpuint (set.n_ka_read, ==, 3000);
  check_multiset (&set, stream);
  g_hash_table_unref (set.rows);
}

/* snapshot_table() of snap.ka and snap.kz on a running stream, asked at
 * the first change of snap.kz: the copy made from the changes before is
 * cleared at snapshot-started, the read replaces it. */
static void
on_kz_first_change (MysqlBinlogStream *stream,
                    MysqlBinlogRow    *row,
                    Multiset          *set)
{
  g_autoptr(GError) error = NULL;

  if (set->asked)
    return;
  set->asked = TRUE;
  g_assert_true (mysql_binlog_stream_snapshot_table (stream, "snap.ka", &error));
  g_assert_no_error (error);
  g_assert_true (mysql_binlog_stream_snapshot_table (stream, "snap.kz", &error));
  g_assert_no_error (error);
}

/* From the request on, a position saved would make a restarted run read
 * snap.kz again: its changes are held back, so the position must say it
 * is still to read.  The first one after the request ends the transaction
 * that asked, whose changes were delivered. */
static void
on_kz_position (MysqlBinlogStream   *stream,
                MysqlBinlogPosition *position,
                Multiset            *set)
{
  g_autofree char *text = NULL;

  if (!set->asked || set->n_started > 0)
    return;
  text = mysql_binlog_position_to_string (position);
  if (set->n_asked_positions++ > 0 && strstr (text, "snap.kz") == NULL)
    set->n_unnamed++;
}

static void
test_keyless_table_on_running_stream (void)
{
  g_autoptr(MysqlBinlogStream) stream = new_stream ();
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  Multiset set = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), TRUE };
  KzWriter writer;

  create_keyless_tables ();
  start = test_server_master_position (server);
  /* Changes before the request, and between it and the read. */
  for (guint i = 0; i < 100; i++)
    test_server_exec (server, "INSERT INTO snap.kz VALUES (1, 'd')");
  test_server_exec (server, "DELETE FROM snap.kz WHERE a = 1 LIMIT 3");
  test_server_exec (server, "UPDATE snap.kz SET b = 'u' WHERE b = 'd' LIMIT 5");

  multiset_connect (&set, stream);
  g_signal_connect (stream, "rows-read::snap.ka", G_CALLBACK (on_ka_read), &set);
  g_signal_connect (stream, "rows-inserted::snap.kz", G_CALLBACK (on_kz_first_change), &set);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_kz_position), &set);
  g_object_set (stream, "start-position", start, "snapshot-chunk-size", 500, "blocking", TRUE,
                NULL);
  g_signal_connect (stream, "snapshot-finished", G_CALLBACK (on_snapshot_finished_kz), NULL);

  kz_writer_start (&writer);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  test_server_exec (server, "INSERT INTO snap.kz VALUES (1, 'd'), (9, 'z')");
  kz_writer_stop (&writer);
  g_assert_true (set.asked);
  g_test_message ("%u positions between the request and the read, %u without snap.kz",
                  set.n_asked_positions, set.n_unnamed);
  g_assert_cmpuint (set.n_asked_positions, >, 50);
  g_assert_cmpuint (set.n_unnamed, ==, 0);
  g_assert_cmpuint (set.n_started, ==, 1);
  g_assert_cmpuint (set.n_ka_read, ==, 3000);
  check_multiset (&set, stream);
  g_hash_table_unref (set.rows);
}

/* A run stopped while snap.ka is read, its position saved, and a run
 * that resumes from the store: the changes of snap.kz held back by the
 * first run are in the read of the second, and none comes twice. */
static void
on_ka_chunk (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             guint               *n_chunks)
{
  g_autofree char *text = mysql_binlog_position_to_string (position);

  /* The third chunk's, and the changes' until the next chunk. */
  if (strstr (text, " snapshot:snap.ka+1500=") != NULL && ++*n_chunks == 1)
    mysql_binlog_stream_stop (stream);
}

static void
test_keyless_resume (void)
{
  g_autofree char *dir = g_dir_make_tmp ("snapshot-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "position", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autoptr(MysqlBinlogStream) last = NULL;
  Multiset set = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), FALSE };
  guint n_chunks = 0;

  create_keyless_tables ();
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(MysqlBinlogStream) stream = new_stream ();
      g_autoptr(GError) error = NULL;

      multiset_connect (&set, stream);
      g_signal_connect (stream, "rows-read::snap.ka", G_CALLBACK (on_ka_read), &set);
      g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL, "snapshot-chunk-size", 500,
                    "blocking", TRUE, "position-store", store, NULL);
      if (run == 0)
        g_signal_connect (stream, "binlog-position", G_CALLBACK (on_ka_chunk), &n_chunks);
      else
        g_signal_connect (stream, "snapshot-finished", G_CALLBACK (on_snapshot_finished_kz),
                          NULL);
      g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      if (run == 0)
        {
          /* Stopped in the middle of snap.ka: nothing of snap.kz yet. */
          g_assert_cmpuint (n_chunks, >=, 1);
          g_assert_cmpuint (set.n_started, ==, 0);
          g_assert_cmpuint (set.n_changes, ==, 0);
          g_assert_cmpuint (set.n_ka_read, ==, 1500);
        }
      last = g_steal_pointer (&stream);
    }
  /* Chunks saved are not read again. */
  g_assert_cmpuint (set.n_ka_read, ==, 3000);
  g_assert_cmpuint (set.n_started, ==, 1);
  test_server_exec (server, "INSERT INTO snap.kz VALUES (1, 'd'), (9, 'z')");
  check_multiset (&set, last);
  g_hash_table_unref (set.rows);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/snapshot/types", test_types);
  g_test_add_func ("/snapshot/initial-with-writer", test_initial_with_writer);
  g_test_add_func ("/snapshot/table-on-running-stream", test_table_on_running_stream);
  g_test_add_func ("/snapshot/keyless-initial", test_keyless_initial);
  g_test_add_func ("/snapshot/keyless-table-on-running-stream",
                   test_keyless_table_on_running_stream);
  g_test_add_func ("/snapshot/keyless-resume", test_keyless_resume);
  g_test_add_func ("/snapshot/resume", test_resume);
  g_test_add_func ("/snapshot/table-from-another-thread", test_table_from_another_thread);
  g_test_add_func ("/snapshot/killed-connection", test_killed_connection);
  g_test_add_func ("/snapshot/sigkill", test_sigkill);
  g_test_add_func ("/snapshot/keys", test_keys);
  g_test_add_func ("/snapshot/ddl", test_ddl);
  g_test_add_func ("/snapshot/faults", test_faults);
  g_test_add_func ("/snapshot/server-restart", test_server_restarted);
  g_test_add_func ("/snapshot/memory", test_memory);

  server = test_server_start (NULL);
  ret = g_test_run ();
  test_server_stop (server);
  return ret;
}
