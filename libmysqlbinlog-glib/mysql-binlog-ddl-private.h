/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-definition-private.h"

G_BEGIN_DECLS

/*
 * A reader of the DDL statements that change table definitions, as the
 * binary log holds them: CREATE TABLE (with LIKE; AS SELECT is read as
 * not understood), ALTER TABLE (ADD, DROP, MODIFY, CHANGE, RENAME COLUMN
 * with FIRST and AFTER, the primary key, the default character set,
 * RENAME TO and the options that change no column), RENAME TABLE, DROP
 * TABLE, TRUNCATE, CREATE, ALTER and DROP DATABASE.
 *
 * It reads tokens (identifiers plain, backquoted and qualified, strings,
 * numbers, comments: executable comments are read as code), not the whole
 * grammar of the server: whatever it does not understand with certainty
 * is reported as such (why), never guessed.
 */

typedef enum {
  MYSQL_BINLOG_DDL_NONE,             /* changes no table's definition */
  MYSQL_BINLOG_DDL_UNKNOWN,          /* may change any table's: not understood */
  MYSQL_BINLOG_DDL_CREATE_TABLE,     /* tables[0]; LIKE: tables[1] */
  MYSQL_BINLOG_DDL_ALTER_TABLE,      /* tables[0]; RENAME TO: tables[1] */
  MYSQL_BINLOG_DDL_RENAME_TABLE,     /* tables[2i] becomes tables[2i+1] */
  MYSQL_BINLOG_DDL_DROP_TABLE,       /* every one of tables */
  MYSQL_BINLOG_DDL_TRUNCATE,         /* tables[0] */
  MYSQL_BINLOG_DDL_CREATE_DATABASE,  /* schema; also ALTER DATABASE */
  MYSQL_BINLOG_DDL_DROP_DATABASE,    /* schema */
} MysqlBinlogDdlKind;

typedef struct _MysqlBinlogDdlOp MysqlBinlogDdlOp;

typedef struct
{
  MysqlBinlogDdlKind kind;
  /* Qualified names (_mysql_binlog_name_qualify()), with the statement's
   * default schema where it names none. */
  GPtrArray *tables;
  char *schema;                      /* CREATE/ALTER/DROP DATABASE */
  /* Where the statement is not understood with certainty (its kind and
   * tables are, when set): what was not.  NULL when it is. */
  char *why;
  gboolean if_not_exists;            /* CREATE TABLE/DATABASE IF NOT EXISTS */
  gboolean temporary;                /* CREATE/DROP TEMPORARY TABLE */
  char *charset;                     /* a default character set it states, or NULL */
  /* CREATE TABLE (without LIKE): the columns, and the ALTER TABLE changes,
   * applied by _mysql_binlog_ddl_apply(). */
  GPtrArray *ops;
} MysqlBinlogDdl;

/* @schema: the statement's default database, or NULL. */
MysqlBinlogDdl        *_mysql_binlog_ddl_parse (const char            *statement,
                                                const char            *schema);
void                   _mysql_binlog_ddl_free  (MysqlBinlogDdl        *ddl);

/* The definition after a CREATE TABLE (@before NULL, @schema_charset the
 * default character set of its database, NULL when not known) or an
 * ALTER TABLE of @before.  NULL with @why set when the statement cannot
 * be applied with certainty (a column it names does not exist, a
 * character set it needs is not known, ...). */
MysqlBinlogDefinition *_mysql_binlog_ddl_apply (const MysqlBinlogDdl        *ddl,
                                                const MysqlBinlogDefinition *before,
                                                const char                  *schema_charset,
                                                char                       **why);

/* Whether @ddl may change the columns or the primary key of a table it
 * names: FALSE only for an ALTER TABLE read with certainty whose changes
 * are all to indexes, options or the default character set of columns
 * added later. */
gboolean               _mysql_binlog_ddl_changes_columns (const MysqlBinlogDdl *ddl);

/* The most bytes a character of @charset takes, 0 when not known. */
guint                  _mysql_binlog_ddl_charset_max_bytes (const char *charset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogDdl, _mysql_binlog_ddl_free)

G_END_DECLS
