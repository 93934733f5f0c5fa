/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The DDL reader of the schema history: the statements it reads with
 * certainty give the definition the server makes of them, and whatever
 * it does not understand is said to be so, never guessed.
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-ddl-private.h"
#include "mysql-binlog-name-private.h"

/* A definition as "name type[ unsigned][ charset][ pk][ (members)] ...". */
static char *
describe (const MysqlBinlogDefinition *definition)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < definition->n_columns; i++)
    {
      const MysqlBinlogColumnDefinition *c = &definition->columns[i];

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s %s", c->name, c->data_type);
      if (c->octet_length >= 0)
        g_string_append_printf (out, "/%" G_GINT64_FORMAT, c->octet_length);
      if (c->numeric_precision >= 0)
        g_string_append_printf (out, "(%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ")",
                                c->numeric_precision, c->numeric_scale);
      if (c->datetime_precision > 0)
        g_string_append_printf (out, "(%" G_GINT64_FORMAT ")", c->datetime_precision);
      if (c->is_unsigned)
        g_string_append (out, " unsigned");
      if (c->charset != NULL)
        g_string_append_printf (out, " %s", c->charset);
      if (c->is_primary_key)
        g_string_append (out, " pk");
      if (c->members != NULL)
        {
          g_autofree char *joined = g_strjoinv ("|", c->members);

          g_string_append_printf (out, " (%s)", joined);
        }
    }
  return g_string_free (out, FALSE);
}

static MysqlBinlogDefinition *
create (const char *statement)
{
  g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (statement, "db");
  g_autofree char *why = NULL;
  MysqlBinlogDefinition *definition;

  g_assert_cmpint (ddl->kind, ==, MYSQL_BINLOG_DDL_CREATE_TABLE);
  g_assert_cmpstr (ddl->why, ==, NULL);
  definition = _mysql_binlog_ddl_apply (ddl, NULL, "utf8mb4", &why);
  g_assert_cmpstr (why, ==, NULL);
  g_assert_nonnull (definition);
  return definition;
}

static void
assert_create (const char *statement,
               const char *table,
               const char *expected)
{
  g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (statement, "db");
  g_autoptr(MysqlBinlogDefinition) definition = create (statement);
  g_autofree char *text = describe (definition);

  g_assert_cmpstr (g_ptr_array_index (ddl->tables, 0), ==, table);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_create (void)
{
  assert_create ("CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20))",
                 "db.t", "id int pk, name varchar/80 utf8mb4");
  /* quoted and qualified names, comments, executable comments */
  assert_create ("create table `other`.`we``ird` ( -- a comment\n"
                 "  `a b` tinyint(3) unsigned zerofill /* note */ DEFAULT '0',\n"
                 "  c char(3) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL,\n"
                 "  # another\n"
                 "  PRIMARY KEY (`a b`, c(2)), KEY k (c), UNIQUE KEY u (c)\n"
                 ") ENGINE=InnoDB /*!50100 DEFAULT CHARSET=utf8mb3 */",
                 "other.`we``ird`", "a b tinyint unsigned pk, c char/3 latin1 pk");
  /* the types and their details */
  assert_create ("CREATE TABLE t (a DECIMAL(12,3) DEFAULT -1.5, b DECIMAL, c FLOAT(30),"
                 " d DOUBLE PRECISION, e BIT(5), f DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)"
                 " ON UPDATE CURRENT_TIMESTAMP(6), g TIMESTAMP(3) NULL, h YEAR, i BOOLEAN,"
                 " j BIGINT UNSIGNED, k SERIAL)",
                 "db.t", "a decimal(12,3), b decimal(10,0), c double, d double, e bit(5,-1), "
                 "f datetime(6), g timestamp(3), h year, i tinyint, j bigint unsigned, "
                 "k bigint unsigned");
  assert_create ("CREATE TABLE t (a TEXT, b TEXT(300), c MEDIUMTEXT CHARSET ascii,"
                 " d BLOB(70000), e VARBINARY(12), f BINARY, g ENUM('x','y''s','a,b'),"
                 " h SET('p', \"q\") CHARACTER SET utf8, i JSON, j POINT, k NATIONAL VARCHAR(4),"
                 " l VARCHAR(5) CHARACTER SET binary, m LONGTEXT)"
                 " DEFAULT CHARACTER SET = latin1",
                 "db.t", "a text latin1, b text latin1, c mediumtext ascii, d mediumblob, "
                 "e varbinary/12, f binary/1, g enum latin1 (x|y's|a,b), "
                 "h set utf8mb3 (p|q), i json utf8mb4, j point, k varchar/12 utf8mb3, "
                 "l varbinary/5, m longtext latin1");
  /* generated and invisible columns, checks, references */
  assert_create ("CREATE TABLE t (a INT, b INT AS (a + 1) VIRTUAL, c INT GENERATED ALWAYS AS"
                 " (a * 2) STORED INVISIBLE, d INT CHECK (d > 0), e INT REFERENCES p (id)"
                 " ON DELETE CASCADE, CONSTRAINT ch CHECK (a < 5), FOREIGN KEY (e) REFERENCES"
                 " p (id))",
                 "db.t", "a int, b int, c int, d int, e int");
  /* partitioned: the partitions change no column */
  assert_create ("CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(3)) ENGINE=InnoDB"
                 " PARTITION BY HASH (id) PARTITIONS 2",
                 "db.t", "id int pk, a varchar/12 utf8mb4");
  assert_create ("CREATE TABLE t (id INT PRIMARY KEY) PARTITION BY RANGE (id)"
                 " (PARTITION p0 VALUES LESS THAN (10) ENGINE = InnoDB,"
                 " PARTITION p1 VALUES LESS THAN MAXVALUE COMMENT 'SELECT')",
                 "db.t", "id int pk");
  assert_create ("CREATE TABLE t (id INT PRIMARY KEY) PARTITION BY LINEAR KEY ALGORITHM=2 (id)"
                 " PARTITIONS 3 /* AS SELECT */",
                 "db.t", "id int pk");
}

static void
assert_not_understood (const char         *statement,
                       MysqlBinlogDdlKind  kind)
{
  g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (statement, "db");

  g_test_message ("%s: %s", statement, ddl->why != NULL ? ddl->why : "(understood)");
  g_assert_cmpint (ddl->kind, ==, kind);
  g_assert_nonnull (ddl->why);
}

static void
test_not_understood (void)
{
  assert_not_understood ("CREATE TABLE t (a INT) SELECT 1 AS a", MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t SELECT 1 AS a", MYSQL_BINLOG_DDL_CREATE_TABLE);
  /* a query after the partitioning */
  assert_not_understood ("CREATE TABLE t (a INT) PARTITION BY HASH (a) SELECT 1 AS a",
                         MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t (a INT) PARTITION BY HASH (a) PARTITIONS 2 AS SELECT 1 AS a",
                         MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t (a INT) PARTITION BY KEY (a) (SELECT 1 AS a)",
                         MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t (a INT) WITH SYSTEM VERSIONING",
                         MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t (a INET7)", MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t (a BLOB COMPRESSED)", MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t (a INT", MYSQL_BINLOG_DDL_CREATE_TABLE);
  assert_not_understood ("CREATE TABLE t (a VARCHAR(3) DEFAULT 'x)", MYSQL_BINLOG_DDL_UNKNOWN);
  assert_not_understood ("ALTER TABLE t CONVERT TO CHARACTER SET latin1",
                         MYSQL_BINLOG_DDL_ALTER_TABLE);
  assert_not_understood ("ALTER TABLE t ADD SYSTEM VERSIONING", MYSQL_BINLOG_DDL_ALTER_TABLE);
  assert_not_understood ("ALTER TABLE t FROBNICATE a", MYSQL_BINLOG_DDL_ALTER_TABLE);
  assert_not_understood ("ALTER TABLE t ADD a INT, ADD b INT BOGUS", MYSQL_BINLOG_DDL_ALTER_TABLE);
  assert_not_understood ("IMPORT TABLE FROM 'x'", MYSQL_BINLOG_DDL_UNKNOWN);
}

static void
test_no_default_schema (void)
{
  g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse ("CREATE TABLE t (a INT)", NULL);

  g_assert_nonnull (ddl->why);
}

static void
test_harmless (void)
{
  static const char * const statements[] = {
    "GRANT SELECT ON db.* TO u",
    "CREATE USER u IDENTIFIED BY 'p'",
    "CREATE DEFINER=`root`@`localhost` TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
    "CREATE OR REPLACE ALGORITHM=MERGE VIEW v AS SELECT 1",
    "CREATE INDEX i ON t (a)",
    "CREATE UNIQUE INDEX i ON t (a)",
    "DROP INDEX i ON t",
    "DROP VIEW v",
    "FLUSH PRIVILEGES",
    "ANALYZE TABLE t",
    "DROP PROCEDURE IF EXISTS p",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (statements[i], "db");

      g_test_message ("%s", statements[i]);
      g_assert_cmpint (ddl->kind, ==, MYSQL_BINLOG_DDL_NONE);
    }
}

static char *
alter (const char *create_statement,
       const char *alter_statement,
       char      **why)
{
  g_autoptr(MysqlBinlogDefinition) before = create (create_statement);
  g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (alter_statement, "db");
  g_autoptr(MysqlBinlogDefinition) after = NULL;

  g_assert_cmpint (ddl->kind, ==, MYSQL_BINLOG_DDL_ALTER_TABLE);
  g_assert_cmpstr (ddl->why, ==, NULL);
  after = _mysql_binlog_ddl_apply (ddl, before, NULL, why);
  return after != NULL ? describe (after) : NULL;
}

static void
test_alter (void)
{
  static const struct
  {
    const char *statement;
    const char *expected;   /* NULL: not applied with certainty */
  } cases[] = {
    { "ALTER TABLE t ADD COLUMN z INT FIRST", "z int, a int pk, b varchar/40 utf8mb4, c int" },
    { "ALTER TABLE t ADD z INT AFTER a", "a int pk, z int, b varchar/40 utf8mb4, c int" },
    { "ALTER TABLE t ADD (y INT, z CHAR(2))",
      "a int pk, b varchar/40 utf8mb4, c int, y int, z char/8 utf8mb4" },
    { "ALTER TABLE t DROP COLUMN b", "a int pk, c int" },
    { "ALTER TABLE t DROP b, DROP c", "a int pk" },
    { "ALTER TABLE t DROP COLUMN IF EXISTS nope", "a int pk, b varchar/40 utf8mb4, c int" },
    { "ALTER TABLE t DROP nope", NULL },
    { "ALTER TABLE t MODIFY c BIGINT UNSIGNED FIRST",
      "c bigint unsigned, a int pk, b varchar/40 utf8mb4" },
    { "ALTER TABLE t MODIFY COLUMN a INT AFTER c", "b varchar/40 utf8mb4, c int, a int pk" },
    { "ALTER TABLE t CHANGE b bb VARCHAR(3) CHARACTER SET latin1",
      "a int pk, bb varchar/3 latin1, c int" },
    { "ALTER TABLE t RENAME COLUMN c TO `C 2`", "a int pk, b varchar/40 utf8mb4, C 2 int" },
    { "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (c)",
      "a int, b varchar/40 utf8mb4, c int pk" },
    { "ALTER TABLE t ADD INDEX (b), ENGINE = InnoDB, ALGORITHM=INPLACE, LOCK=NONE,"
      " COMMENT 'x', ALTER COLUMN c SET DEFAULT 3, RENAME INDEX i TO j, FORCE",
      "a int pk, b varchar/40 utf8mb4, c int" },
    { "ALTER TABLE t DEFAULT CHARSET latin1, ADD d TEXT CHARACTER SET utf8mb4",
      "a int pk, b varchar/40 utf8mb4, c int, d text utf8mb4" },
    /* a new column takes the table's new character set: not certain */
    { "ALTER TABLE t DEFAULT CHARSET latin1, ADD d TEXT", NULL },
    /* two changes of one column */
    { "ALTER TABLE t MODIFY c BIGINT, RENAME COLUMN c TO d", NULL },
    { "ALTER TABLE t ADD a INT", NULL },
    /* several placed AFTER one column, or after one placed before: in
     * the order of the statement, as the server does */
    { "ALTER TABLE t ADD z INT AFTER a, MODIFY c INT AFTER a",
      "a int pk, c int, z int, b varchar/40 utf8mb4" },
    { "ALTER TABLE t ADD y INT AFTER a, ADD z INT AFTER a",
      "a int pk, z int, y int, b varchar/40 utf8mb4, c int" },
    { "ALTER TABLE t MODIFY b VARCHAR(3) AFTER c, ADD z INT AFTER b",
      "a int pk, c int, b varchar/12 utf8mb4, z int" },
    { "ALTER TABLE t ADD z INT AFTER b, MODIFY b VARCHAR(3) AFTER c",
      "a int pk, z int, c int, b varchar/12 utf8mb4" },
    { "ALTER TABLE t ADD z INT AFTER a, MODIFY a INT AFTER c",
      "z int, b varchar/40 utf8mb4, c int, a int pk" },
    { "ALTER TABLE t CHANGE b bb INT, ADD z INT AFTER bb", "a int pk, bb int, z int, c int" },
    /* CHANGE keeping the name names one column once */
    { "ALTER TABLE t CHANGE c c BIGINT", "a int pk, b varchar/40 utf8mb4, c bigint" },
    { "ALTER TABLE t CHANGE COLUMN c c INT FIRST", "c int, a int pk, b varchar/40 utf8mb4" },
    { "ALTER TABLE t CHANGE b B INT AFTER c", "a int pk, c int, B int" },
    { "ALTER TABLE t CHANGE c c INT, DROP c", NULL },
    { "ALTER TABLE t MODIFY c ENUM('p', 'q')",
      "a int pk, b varchar/40 utf8mb4, c enum utf8mb4 (p|q)" },
    /* the server drops the trailing spaces of members, spaces only */
    { "ALTER TABLE t MODIFY c ENUM('p ', ' q  ', 'r\t', 's \t ')",
      "a int pk, b varchar/40 utf8mb4, c enum utf8mb4 (p| q|r\t|s \t)" },
    { "ALTER TABLE t MODIFY c SET('p ', 'q')",
      "a int pk, b varchar/40 utf8mb4, c set utf8mb4 (p|q)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *why = NULL;
      g_autofree char *text = alter ("CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10), c INT)",
                                     cases[i].statement, &why);

      g_test_message ("%s: %s", cases[i].statement, text != NULL ? text : why);
      g_assert_cmpstr (text, ==, cases[i].expected);
      if (text == NULL)
        g_assert_nonnull (why);
    }
}

/* A table WITH SYSTEM VERSIONING alone, as read from the server: the
 * implicit period columns after the others.  Columns added at the end go
 * before them; a statement that names them or changes the primary key
 * is not followed. */
static void
test_versioned (void)
{
  static const struct
  {
    const char *statement;
    const char *expected;   /* NULL: not applied with certainty */
  } cases[] = {
    { "ALTER TABLE t ADD COLUMN z INT", "a int pk, b int, z int, row_start timestamp(6), "
      "row_end timestamp(6) pk" },
    { "ALTER TABLE t ADD (y INT, z INT)",
      "a int pk, b int, y int, z int, row_start timestamp(6), row_end timestamp(6) pk" },
    { "ALTER TABLE t ADD z INT FIRST", "z int, a int pk, b int, row_start timestamp(6), "
      "row_end timestamp(6) pk" },
    { "ALTER TABLE t MODIFY a BIGINT AFTER b", "b int, a bigint pk, row_start timestamp(6), "
      "row_end timestamp(6) pk" },
    { "ALTER TABLE t DROP b", "a int pk, row_start timestamp(6), row_end timestamp(6) pk" },
    { "ALTER TABLE t ADD z INT AFTER row_end", NULL },
    { "ALTER TABLE t DROP COLUMN row_start", NULL },
    { "ALTER TABLE t CHANGE ROW_END e TIMESTAMP(6)", NULL },
    { "ALTER TABLE t ADD row_start INT", NULL },
    { "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (b)", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MysqlBinlogDefinition) created = create ("CREATE TABLE t (a INT PRIMARY KEY, "
                                                         "b INT)");
      g_autoptr(MysqlBinlogDefinition) before = NULL;
      g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse (cases[i].statement, "db");
      g_autoptr(MysqlBinlogDefinition) after = NULL;
      g_autofree char *why = NULL;
      g_autofree char *text = NULL;

      before = _mysql_binlog_definition_new (created->n_columns + 2);
      for (guint k = 0; k < created->n_columns; k++)
        _mysql_binlog_column_definition_copy (&before->columns[k], &created->columns[k]);
      for (guint k = 0; k < 2; k++)
        {
          MysqlBinlogColumnDefinition *period = &before->columns[created->n_columns + k];

          period->name = g_strdup (k == 0 ? "row_start" : "row_end");
          period->data_type = g_strdup ("timestamp");
          period->datetime_precision = 6;
          period->octet_length = period->numeric_precision = period->numeric_scale = -1;
          period->geometry_type = -1;
          period->is_primary_key = k == 1;
          period->is_implicit_period = TRUE;
        }
      before->default_charset = g_strdup ("utf8mb4");
      g_assert_cmpstr (ddl->why, ==, NULL);
      after = _mysql_binlog_ddl_apply (ddl, before, NULL, &why);
      text = after != NULL ? describe (after) : NULL;
      g_test_message ("%s: %s", cases[i].statement, text != NULL ? text : why);
      g_assert_cmpstr (text, ==, cases[i].expected);
      if (text == NULL)
        g_assert_nonnull (why);
    }
}

/* The server converts ENUM and SET members to the column's character
 * set, and a character it cannot hold becomes '?': such members are not
 * known. */
/* A dot or a backquote in a name: the two tables x.`y.z` and `x.y`.z
 * never share a qualified name, ordinary names are written as before. */
static void
test_dotted_names (void)
{
  g_autoptr(MysqlBinlogDdl) rename = _mysql_binlog_ddl_parse ("RENAME TABLE `x.y`.z TO x.`y.z`, "
                                                              "`d.ot` TO `a*`.`b``c`", "db");
  g_autoptr(MysqlBinlogDdl) like = _mysql_binlog_ddl_parse ("CREATE TABLE `x.y`.n LIKE `y.z`", "x");
  static const struct { const char *schema, *table, *qualified; } names[] = {
    { "shop", "orders", "shop.orders" },
    { "x", "y.z", "x.`y.z`" },
    { "x.y", "z", "`x.y`.z" },
    { "we`ird", "", "`we``ird`.``" },
    { "a", "*", "a.`*`" },
    { "a?", "b c", "`a?`.b c" },
  };
  static const char * const not_names[] = {
    "x.y.z", "xyz", ".z", "x.", "`x.y`z", "x.`y", "x`.y", "`x`.`y`.z", NULL,
  };
  static const struct { const char *pattern, *schema, *table; gboolean match; } patterns[] = {
    { "a.*", "a", "t", TRUE },
    { "a.*", "a.b", "t", FALSE },
    { "a*.*", "a.b", "t", TRUE },
    { "`a.b`.*", "a.b", "t", TRUE },
    { "`a.b`.*", "a", "b.t", FALSE },
    { "x.`y.z`", "x", "y.z", TRUE },
    { "x.`y.z`", "x.y", "z", FALSE },
    { "`x.y`.z", "x.y", "z", TRUE },
    { "`x.y`.z", "x", "y.z", FALSE },
    { "a.`*`", "a", "*", TRUE },
    { "a.`*`", "a", "t", FALSE },
    { "*", "a.b", "c.d", TRUE },
    { "*.keep", "filt", "keep", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *qualified = _mysql_binlog_name_qualify (names[i].schema, names[i].table);
      g_autofree char *schema = NULL;
      g_autofree char *table = NULL;

      g_assert_cmpstr (qualified, ==, names[i].qualified);
      g_assert_true (_mysql_binlog_name_split (qualified, &schema, &table));
      g_assert_cmpstr (schema, ==, names[i].schema);
      g_assert_cmpstr (table, ==, names[i].table);
    }
  for (guint i = 0; not_names[i] != NULL; i++)
    {
      g_autofree char *schema = NULL;
      g_autofree char *table = NULL;

      g_assert_false (_mysql_binlog_name_split (not_names[i], &schema, &table));
      g_assert_null (_mysql_binlog_name_canonical (not_names[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GError) error = NULL;
      MysqlBinlogNamePattern *pattern = _mysql_binlog_name_pattern_new (patterns[i].pattern, TRUE,
                                                                        &error);

      g_assert_no_error (error);
      g_assert_cmpint (_mysql_binlog_name_pattern_match (pattern, patterns[i].schema,
                                                         patterns[i].table), ==,
                       patterns[i].match);
      _mysql_binlog_name_pattern_free (pattern);
    }
  for (guint i = 0; not_names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (_mysql_binlog_name_pattern_new (not_names[i], TRUE, &error));
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
    }

  /* A schema pattern is the whole name: a dot is part of it, backquotes
   * make it literal. */
  {
    static const struct { const char *pattern, *schema; gboolean match; } schema_patterns[] = {
      { "a.b", "a.b", TRUE },
      { "a.b", "a", FALSE },
      { "a*", "a.b", TRUE },
      { "`a*`", "a*", TRUE },
      { "`a*`", "ab", FALSE },
      { "`a``b`", "a`b", TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (schema_patterns); i++)
      {
        MysqlBinlogNamePattern *pattern = _mysql_binlog_name_pattern_new (schema_patterns[i].pattern,
                                                                          FALSE, NULL);

        g_assert_cmpint (_mysql_binlog_name_pattern_match (pattern, schema_patterns[i].schema, NULL),
                         ==, schema_patterns[i].match);
        _mysql_binlog_name_pattern_free (pattern);
      }
  }

  g_assert_cmpint (rename->kind, ==, MYSQL_BINLOG_DDL_RENAME_TABLE);
  g_assert_null (rename->why);
  g_assert_cmpuint (rename->tables->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (rename->tables, 0), ==, "`x.y`.z");
  g_assert_cmpstr (g_ptr_array_index (rename->tables, 1), ==, "x.`y.z`");
  g_assert_cmpstr (g_ptr_array_index (rename->tables, 2), ==, "db.`d.ot`");
  g_assert_cmpstr (g_ptr_array_index (rename->tables, 3), ==, "`a*`.`b``c`");
  g_assert_cmpint (like->kind, ==, MYSQL_BINLOG_DDL_CREATE_TABLE);
  g_assert_cmpstr (g_ptr_array_index (like->tables, 0), ==, "`x.y`.n");
  g_assert_cmpstr (g_ptr_array_index (like->tables, 1), ==, "x.`y.z`");
}

static void
test_members_charset (void)
{
  static const struct
  {
    const char *column;
    gboolean    known;
  } cases[] = {
    { "e ENUM('a', 'é', '€', 'ÿ')", TRUE },      /* latin1 is cp1252 */
    { "e ENUM('a', '中文')", FALSE },
    { "e SET('x', 'Ω')", FALSE },
    { "e ENUM('a', '中文') CHARACTER SET utf8mb4", TRUE },
    { "e ENUM('😀') CHARACTER SET utf8mb4", TRUE },
    { "e ENUM('😀') CHARACTER SET utf8mb3", FALSE },
    { "e ENUM('Ж', 'ж') CHARACTER SET koi8r", TRUE },
    { "e ENUM('é') CHARACTER SET koi8r", FALSE },
    { "e ENUM('a', 'b c') CHARACTER SET sjis", TRUE },
    { "e ENUM('ア') CHARACTER SET sjis", FALSE },  /* not read with certainty */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *statement = g_strdup_printf ("CREATE TABLE t (id INT, %s) CHARSET latin1",
                                                    cases[i].column);
      g_autoptr(MysqlBinlogDefinition) definition = create (statement);
      const char *error = definition->columns[1].members_error;

      g_test_message ("%s: %s", statement, error != NULL ? error : "(known)");
      g_assert_nonnull (definition->columns[1].members);
      g_assert_true ((error == NULL) == cases[i].known);
    }

  /* and when a column changes */
  {
    g_autoptr(MysqlBinlogDefinition) before = create ("CREATE TABLE t (a INT, e ENUM('a', '中文'))");
    g_autoptr(MysqlBinlogDdl) ddl = _mysql_binlog_ddl_parse ("ALTER TABLE t MODIFY e ENUM('a', '中文')"
                                                            " CHARACTER SET latin1", "db");
    g_autofree char *why = NULL;
    g_autoptr(MysqlBinlogDefinition) after = _mysql_binlog_ddl_apply (ddl, before, NULL, &why);

    g_assert_null (before->columns[1].members_error);
    g_assert_nonnull (after);
    g_assert_nonnull (after->columns[1].members_error);
  }
}

static void
test_tables (void)
{
  g_autoptr(MysqlBinlogDdl) rename = _mysql_binlog_ddl_parse ("RENAME TABLE a TO b, x.c TO `y`.d", "db");
  g_autoptr(MysqlBinlogDdl) drop = _mysql_binlog_ddl_parse ("DROP TABLE IF EXISTS `a`, x.b /* generated by server */", "db");
  g_autoptr(MysqlBinlogDdl) truncate = _mysql_binlog_ddl_parse ("TRUNCATE TABLE a", "db");
  g_autoptr(MysqlBinlogDdl) like = _mysql_binlog_ddl_parse ("CREATE TABLE IF NOT EXISTS n LIKE x.o", "db");
  g_autoptr(MysqlBinlogDdl) database = _mysql_binlog_ddl_parse ("CREATE DATABASE d DEFAULT CHARACTER SET latin1 COLLATE latin1_swedish_ci", "db");
  g_autoptr(MysqlBinlogDdl) drop_database = _mysql_binlog_ddl_parse ("DROP SCHEMA IF EXISTS d", "db");
  g_autoptr(MysqlBinlogDdl) rename_to = _mysql_binlog_ddl_parse ("ALTER TABLE a RENAME TO x.b", "db");

  g_assert_cmpint (rename->kind, ==, MYSQL_BINLOG_DDL_RENAME_TABLE);
  g_assert_null (rename->why);
  g_assert_cmpuint (rename->tables->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (rename->tables, 1), ==, "db.b");
  g_assert_cmpstr (g_ptr_array_index (rename->tables, 3), ==, "y.d");
  g_assert_cmpint (drop->kind, ==, MYSQL_BINLOG_DDL_DROP_TABLE);
  g_assert_null (drop->why);
  g_assert_cmpuint (drop->tables->len, ==, 2);
  g_assert_cmpint (truncate->kind, ==, MYSQL_BINLOG_DDL_TRUNCATE);
  g_assert_cmpstr (g_ptr_array_index (truncate->tables, 0), ==, "db.a");
  g_assert_cmpint (like->kind, ==, MYSQL_BINLOG_DDL_CREATE_TABLE);
  g_assert_true (like->if_not_exists);
  g_assert_cmpstr (g_ptr_array_index (like->tables, 1), ==, "x.o");
  g_assert_cmpint (database->kind, ==, MYSQL_BINLOG_DDL_CREATE_DATABASE);
  g_assert_cmpstr (database->schema, ==, "d");
  g_assert_cmpstr (database->charset, ==, "latin1");
  g_assert_cmpint (drop_database->kind, ==, MYSQL_BINLOG_DDL_DROP_DATABASE);
  g_assert_cmpstr (drop_database->schema, ==, "d");
  g_assert_cmpint (rename_to->kind, ==, MYSQL_BINLOG_DDL_ALTER_TABLE);
  g_assert_null (rename_to->why);
  g_assert_cmpstr (g_ptr_array_index (rename_to->tables, 1), ==, "x.b");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ddl/create", test_create);
  g_test_add_func ("/ddl/not-understood", test_not_understood);
  g_test_add_func ("/ddl/no-default-schema", test_no_default_schema);
  g_test_add_func ("/ddl/harmless", test_harmless);
  g_test_add_func ("/ddl/alter", test_alter);
  g_test_add_func ("/ddl/versioned", test_versioned);
  g_test_add_func ("/ddl/tables", test_tables);
  g_test_add_func ("/ddl/dotted-names", test_dotted_names);
  g_test_add_func ("/ddl/members-charset", test_members_charset);
  return g_test_run ();
}
