/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Per-column metadata of MariaDB table maps, counted as the server counts
 * it: a column of each type placed before the columns whose signedness,
 * character set, ENUM/SET members and charsets, geometry type, name and
 * primary key prefix would shift if the reader skipped that type where
 * the server did not (or the other way round).  Read live and from the
 * server's own binlog file, under binlog_row_metadata FULL and MINIMAL,
 * and live under NO_LOG, where information_schema describes the columns.
 * One case per row of the table above parse_optional_metadata() in
 * mysql-binlog-table-map.c, plus the two tables of the original reports.
 */

#include "config.h"

#include <string.h>

#include <mysqlbinlog-glib.h>

#include "test-server.h"

static TestServer *server;

/* The column placed first in the probe tables. */
typedef struct
{
  const char *slug;
  const char *sql_type;
  gboolean    old_temporal;   /* created with mysql56_temporal_format=OFF */
  guint       geometry_type;  /* of x itself, for GEOMETRY types */
} ProbeType;

static const ProbeType probe_types[] = {
  { "tinyint", "TINYINT", FALSE, 0 },
  { "smallint", "SMALLINT", FALSE, 0 },
  { "mediumint", "MEDIUMINT UNSIGNED", FALSE, 0 },
  { "int", "INT", FALSE, 0 },
  { "bigint", "BIGINT UNSIGNED", FALSE, 0 },
  { "year", "YEAR", FALSE, 0 },
  { "float", "FLOAT", FALSE, 0 },
  { "double", "DOUBLE UNSIGNED", FALSE, 0 },
  { "decimal", "DECIMAL(6,2)", FALSE, 0 },
  { "bit", "BIT(5)", FALSE, 0 },
  { "date", "DATE", FALSE, 0 },
  { "time", "TIME", FALSE, 0 },
  { "time-fraction", "TIME(3)", FALSE, 0 },
  { "datetime", "DATETIME(2)", FALSE, 0 },
  { "timestamp", "TIMESTAMP NULL", FALSE, 0 },
  { "old-time", "TIME", TRUE, 0 },
  { "old-datetime", "DATETIME", TRUE, 0 },
  { "old-timestamp", "TIMESTAMP NULL", TRUE, 0 },
  { "char", "CHAR(3)", FALSE, 0 },
  { "char-latin1", "CHAR(3) CHARACTER SET latin1", FALSE, 0 },
  { "binary", "BINARY(3)", FALSE, 0 },
  { "varchar", "VARCHAR(5)", FALSE, 0 },
  { "varbinary", "VARBINARY(5)", FALSE, 0 },
  { "tinytext", "TINYTEXT", FALSE, 0 },
  { "text", "TEXT CHARACTER SET latin1", FALSE, 0 },
  { "mediumtext", "MEDIUMTEXT", FALSE, 0 },
  { "blob", "BLOB", FALSE, 0 },
  { "longblob", "LONGBLOB", FALSE, 0 },
  { "json", "JSON", FALSE, 0 },
  { "geometry", "GEOMETRY", FALSE, 0 },
  { "point", "POINT", FALSE, 1 },
  { "linestring", "LINESTRING", FALSE, 2 },
  { "polygon", "POLYGON", FALSE, 3 },
  { "multipoint", "MULTIPOINT", FALSE, 4 },
  { "geometrycollection", "GEOMETRYCOLLECTION", FALSE, 7 },
  { "enum", "ENUM('z','y')", FALSE, 0 },
  { "enum-latin1", "ENUM('z','y') CHARACTER SET latin1", FALSE, 0 },
  { "set", "SET('z','y')", FALSE, 0 },
  { "inet6", "INET6", FALSE, 0 },
  { "uuid", "UUID", FALSE, 0 },
  { "inet4", "INET4", FALSE, 0 },
};

/* Two shapes of probe table.  p has few character columns of different
 * charsets (the server writes COLUMN_CHARSET), q many of one charset
 * (DEFAULT_CHARSET with exceptions); the ENUM/SET columns get
 * ENUM_AND_SET_DEFAULT_CHARSET or _COLUMN_CHARSET by the same rule,
 * depending on x. */
static const char probe_columns_p[] =
  "x %s NULL,"
  " u TINYINT UNSIGNED, n SMALLINT,"
  " c1 CHAR(2) CHARACTER SET latin1, c2 VARBINARY(2), c3 VARCHAR(4) CHARACTER SET utf8mb4,"
  " k VARCHAR(8) CHARACTER SET utf8mb4 NOT NULL, id INT NOT NULL,"
  " e1 ENUM('\xc3\xa9','b') CHARACTER SET latin1, e2 ENUM('\xc3\x9f') CHARACTER SET utf8mb4,"
  " s1 SET('\xc3\xa9','c') CHARACTER SET latin1,"
  " g POINT,"
  " PRIMARY KEY (k(2), id)";
static const char probe_columns_q[] =
  "x %s NULL,"
  " u TINYINT UNSIGNED, n SMALLINT,"
  " c1 CHAR(2) CHARACTER SET latin1, c2 VARBINARY(2), c3 VARCHAR(4) CHARACTER SET utf8mb4,"
  " c4 VARCHAR(2), c5 VARCHAR(2), c6 VARCHAR(2),"
  " k VARCHAR(8) CHARACTER SET utf8mb4 NOT NULL, id INT NOT NULL,"
  " e1 ENUM('\xc3\xa9','b') CHARACTER SET latin1, e2 ENUM('\xc3\x9f') CHARACTER SET utf8mb4,"
  " s1 SET('\xc3\xa9','c') CHARACTER SET latin1,"
  " g POINT,"
  " PRIMARY KEY (k(2), id)";

typedef enum {
  MODE_FULL,
  MODE_MINIMAL,
  MODE_NO_LOG,
  N_MODES
} Mode;

static const char * const mode_names[] = { "FULL", "MINIMAL", "NO_LOG" };
static const char * const mode_slugs[] = { "full", "minimal", "no-log" };

typedef struct
{
  gboolean    done;
  char       *schema;
  GHashTable *absent;       /* probe tables the server could not create */
  GHashTable *live;         /* table name → first row inserted */
  GHashTable *file;
} ModeRows;

static ModeRows modes[N_MODES];

typedef struct
{
  Mode        mode;
  gboolean    file;
  const ProbeType *type;    /* NULL for the two tables of the reports */
} Case;

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             ModeRows          *rows_of)
{
  GHashTable *rows = g_object_get_data (G_OBJECT (stream), "rows");

  if (g_strcmp0 (mysql_binlog_row_get_schema (row), rows_of->schema) != 0)
    return;
  if (!g_hash_table_contains (rows, mysql_binlog_row_get_table (row)))
    g_hash_table_insert (rows, g_strdup (mysql_binlog_row_get_table (row)), mysql_binlog_row_ref (row));
}

static GHashTable *
collect (MysqlBinlogStream *stream,
         ModeRows          *rows_of)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) mysql_binlog_row_unref);
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (stream), "rows", rows);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), rows_of);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  return rows;
}

static void
exec (const char *sql)
{
  g_autoptr(GError) error = NULL;

  test_server_sql (server, sql, &error);
  g_assert_no_error (error);
}

static void execf (const char *format,
                   ...) G_GNUC_PRINTF (1, 2);

static void
execf (const char *format,
       ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  test_server_sql (server, sql, &error);
  g_assert_no_error (error);
}

static char *
probe_table_name (const char      *shape,
                  const ProbeType *type)
{
  g_autofree char *name = g_strdup_printf ("%s_%s", shape, type->slug);

  g_strdelimit (name, "-", '_');
  return g_steal_pointer (&name);
}

/* Writes every table of one binlog_row_metadata mode into a binlog file of
 * its own, then reads it live and from the file. */
static ModeRows *
get_mode (Mode mode)
{
  ModeRows *m = &modes[mode];
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) live = NULL;
  g_autoptr(MysqlBinlogStream) offline = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (m->done)
    return m;
  m->done = TRUE;
  m->schema = g_strdup_printf ("meta_%s", mode_slugs[mode]);
  g_strdelimit (m->schema, "-", '_');
  m->absent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  execf ("SET GLOBAL binlog_row_metadata = '%s'", mode_names[mode]);
  exec ("FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  execf ("CREATE DATABASE %s CHARACTER SET utf8mb4", m->schema);

  /* The two tables of the reports. */
  execf ("CREATE TABLE %s.ty (id INT, y YEAR, v TINYINT, w SMALLINT UNSIGNED)",
                    m->schema);
  execf ("INSERT INTO %s.ty VALUES (1, 2024, -98, 65535)", m->schema);
  test_server_sqlf (server, NULL,
                    "CREATE TABLE %s.tg (id INT, g POINT, c CHAR(5) CHARACTER SET latin1,"
                    " b VARBINARY(10), s VARCHAR(10) CHARACTER SET utf8mb4)", m->schema);
  test_server_sqlf (server, NULL,
                    "INSERT INTO %s.tg VALUES (1, POINT(1,2), '\xc3\xa9', X'00ff', '\xc3\x9f')",
                    m->schema);

  for (guint t = 0; t < G_N_ELEMENTS (probe_types); t++)
    {
      const ProbeType *type = &probe_types[t];

      if (type->old_temporal)
        exec ("SET GLOBAL mysql56_temporal_format = OFF");
      for (guint shape = 0; shape < 2; shape++)
        {
          g_autofree char *name = probe_table_name (shape == 0 ? "p" : "q", type);
          g_autofree char *columns = g_strdup_printf (shape == 0 ? probe_columns_p : probe_columns_q,
                                                      type->sql_type);
          g_autoptr(GError) error = NULL;

          if (!test_server_sqlf (server, &error, "CREATE TABLE %s.%s (%s)", m->schema, name, columns))
            {
              g_test_message ("%s: %s", type->sql_type, error->message);
              g_hash_table_add (m->absent, g_strdup (name));
              continue;
            }
          if (shape == 0)
            execf (
                              "INSERT INTO %s.%s VALUES (NULL, 255, -2, '\xc3\xa9', X'00ff', '\xc3\x9f',"
                              " 'kk', 7, '\xc3\xa9', '\xc3\x9f', '\xc3\xa9,c', POINT(1,2))",
                              m->schema, name);
          else
            execf (
                              "INSERT INTO %s.%s VALUES (NULL, 255, -2, '\xc3\xa9', X'00ff', '\xc3\x9f',"
                              " 'a', 'b', 'c', 'kk', 7, '\xc3\xa9', '\xc3\x9f', '\xc3\xa9,c', POINT(1,2))",
                              m->schema, name);
        }
      if (type->old_temporal)
        exec ("SET GLOBAL mysql56_temporal_format = ON");
    }
  exec ("FLUSH BINARY LOGS");

  live = test_server_new_stream (server);
  g_object_set (live, "start-position", start, NULL);
  m->live = collect (live, m);

  path = g_build_filename (test_server_get_dir (server), "binlog",
                           mysql_binlog_position_get_file (start), NULL);
  file = g_file_new_for_path (path);
  offline = mysql_binlog_stream_new_for_file (file);
  m->file = collect (offline, m);
  return m;
}

/* The value of column @i, as g_variant_print() writes it. */
static char *
value_text (MysqlBinlogRow *row,
            guint           i)
{
  g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);

  return g_variant_print (value, TRUE);
}

#define assert_value(row, i, expected) \
  G_STMT_START { \
    g_autofree char *text_ = value_text ((row), (i)); \
    g_assert_cmpstr (text_, ==, (expected)); \
  } G_STMT_END

/* Names come from the table map (FULL) or information_schema (a live
 * stream); a file written under MINIMAL or NO_LOG has none. */
static gboolean
names_known (const Case *c)
{
  return c->mode == MODE_FULL || !c->file;
}

static MysqlBinlogRow *
get_row (const Case *c,
         const char *table)
{
  ModeRows *m = get_mode (c->mode);
  MysqlBinlogRow *row = g_hash_table_lookup (c->file ? m->file : m->live, table);

  g_assert_nonnull (row);
  return row;
}

/* Issue: signedness shifted after a YEAR column. */
static void
test_year_signedness (gconstpointer data)
{
  const Case *c = data;
  MysqlBinlogRow *row = get_row (c, "ty");

  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 4);
  assert_value (row, 0, "int64 1");
  assert_value (row, 1, "int64 2024");
  assert_value (row, 2, "int64 -98");
  assert_value (row, 3, "uint64 65535");
  g_assert_false (mysql_binlog_row_get_column_is_unsigned (row, 1));
  g_assert_false (mysql_binlog_row_get_column_is_unsigned (row, 2));
  g_assert_true (mysql_binlog_row_get_column_is_unsigned (row, 3));
  if (names_known (c))
    g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 3), ==, "w");
}

/* Issue: character sets shifted after a GEOMETRY column. */
static void
test_geometry_charsets (gconstpointer data)
{
  const Case *c = data;
  MysqlBinlogRow *row = get_row (c, "tg");

  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 5);
  assert_value (row, 0, "int64 1");
  assert_value (row, 2, "'\xc3\xa9'");
  assert_value (row, 3, "[byte 0x00, 0xff]");
  assert_value (row, 4, "'\xc3\x9f'");
  /* From the table map, or information_schema under NO_LOG */
  g_assert_cmpuint (mysql_binlog_row_get_column_geometry_type (row, 1), ==, 1);
}

static void
test_probe (gconstpointer data)
{
  const Case *c = data;
  ModeRows *m = get_mode (c->mode);

  for (guint shape = 0; shape < 2; shape++)
    {
      g_autofree char *name = probe_table_name (shape == 0 ? "p" : "q", c->type);
      guint extra = shape == 0 ? 0 : 3;   /* c4, c5, c6 */
      MysqlBinlogRow *row;

      if (g_hash_table_contains (m->absent, name))
        {
          g_autofree char *message = g_strdup_printf ("this server has no %s columns", c->type->sql_type);
          g_test_skip (message);
          return;
        }
      row = get_row (c, name);
      g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 12 + extra);

      g_assert_true (mysql_binlog_row_is_null (row, 0));
      /* SIGNEDNESS */
      assert_value (row, 1, "uint64 255");
      assert_value (row, 2, "int64 -2");
      /* DEFAULT_CHARSET / COLUMN_CHARSET */
      assert_value (row, 3, "'\xc3\xa9'");
      assert_value (row, 4, "[byte 0x00, 0xff]");
      assert_value (row, 5, "'\xc3\x9f'");
      if (shape == 1)
        {
          assert_value (row, 6, "'a'");
          assert_value (row, 8, "'c'");
        }
      /* ENUM/SET members and their charsets: from the table map (FULL)
       * or information_schema (live). */
      if (names_known (c))
        {
          assert_value (row, 8 + extra, "'\xc3\xa9'");
          assert_value (row, 9 + extra, "'\xc3\x9f'");
          assert_value (row, 10 + extra, "['\xc3\xa9', 'c']");
        }
      /* GEOMETRY_TYPE (FULL and MINIMAL; information_schema under NO_LOG) */
      g_assert_cmpuint (mysql_binlog_row_get_column_geometry_type (row, 11 + extra), ==, 1);
      g_assert_cmpuint (mysql_binlog_row_get_column_geometry_type (row, 0), ==,
                        c->type->geometry_type);
      assert_value (row, 6 + extra, "'kk'");
      assert_value (row, 7 + extra, "int64 7");

      /* COLUMN_NAME and the primary key (with its prefix under FULL) */
      if (names_known (c))
        {
          const char * const *keys;

          g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "x");
          g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 11 + extra), ==, "g");
          g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 7 + extra), ==, "id");
          g_assert_true (mysql_binlog_row_is_primary_key_known (row));
          keys = mysql_binlog_row_get_primary_key (row);
          g_assert_nonnull (keys);
          g_assert_cmpstr (keys[0], ==, "k");
          g_assert_cmpstr (keys[1], ==, "id");
          g_assert_null (keys[2]);
          g_assert_false (mysql_binlog_row_is_primary_key (row, 0));
          if (c->mode == MODE_FULL)
            {
              g_assert_cmpuint (mysql_binlog_row_get_primary_key_prefix (row, 6 + extra), ==, 2);
              g_assert_cmpuint (mysql_binlog_row_get_primary_key_prefix (row, 7 + extra), ==, 0);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int ret;

  g_test_init (&argc, &argv, NULL);

  for (Mode mode = 0; mode < N_MODES; mode++)
    for (guint file = 0; file < 2; file++)
      {
        const char *reader = file ? "file" : "live";
        g_autofree char *path = NULL;
        Case *c;

        /* Without metadata in the file there is nothing to count. */
        if (mode == MODE_NO_LOG && file)
          continue;

        c = g_new0 (Case, 1);
        c->mode = mode;
        c->file = file;
        g_ptr_array_add (cases, c);
        path = g_strdup_printf ("/metadata/year-signedness/%s/%s", mode_slugs[mode], reader);
        g_test_add_data_func (path, c, test_year_signedness);
        g_free (path);
        path = g_strdup_printf ("/metadata/geometry-charsets/%s/%s", mode_slugs[mode], reader);
        g_test_add_data_func (path, c, test_geometry_charsets);

        for (guint t = 0; t < G_N_ELEMENTS (probe_types); t++)
          {
            Case *p = g_new0 (Case, 1);

            p->mode = mode;
            p->file = file;
            p->type = &probe_types[t];
            g_ptr_array_add (cases, p);
            g_free (path);
            path = g_strdup_printf ("/metadata/before/%s/%s/%s", probe_types[t].slug,
                                    mode_slugs[mode], reader);
            g_test_add_data_func (path, p, test_probe);
          }
      }

  server = test_server_start (NULL);
  ret = g_test_run ();
  test_server_stop (server);
  for (Mode mode = 0; mode < N_MODES; mode++)
    {
      g_clear_pointer (&modes[mode].live, g_hash_table_unref);
      g_clear_pointer (&modes[mode].file, g_hash_table_unref);
      g_clear_pointer (&modes[mode].absent, g_hash_table_unref);
      g_free (modes[mode].schema);
    }
  return ret;
}
