/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-table-private.h"
#include "mysql-binlog-table-map-private.h"

G_BEGIN_DECLS

/*
 * A table's definition as a DDL statement or information_schema states
 * it: what a table map without full metadata lacks (names, signedness,
 * character sets, members, the primary key), and what its type codes and
 * metadata are checked against (see _mysql_binlog_definition_check()).
 */
typedef struct
{
  char     *name;               /* UTF-8 */
  /* DATA_TYPE as information_schema spells it, in lower case ("int",
   * "varchar", "enum", ...). */
  char     *data_type;
  char     *charset;            /* NULL: no character set (binary or not text) */
  gboolean  is_unsigned;
  gboolean  is_primary_key;
  char    **members;            /* ENUM/SET members, NULL for other columns */
  char     *members_error;      /* why members cannot be trusted, or NULL */
  gint      geometry_type;      /* as in the table map, -1 for other columns */
  /* The numbers of information_schema, -1 where it says NULL. */
  gint64    datetime_precision;
  gint64    octet_length;       /* CHARACTER_OCTET_LENGTH */
  gint64    numeric_precision;
  gint64    numeric_scale;
  /* One of the period columns MariaDB adds by itself to a table WITH
   * SYSTEM VERSIONING that names none: invisible, not in
   * information_schema, always after all the other columns. */
  gboolean  is_implicit_period;
} MysqlBinlogColumnDefinition;

typedef struct
{
  gatomicrefcount              ref_count;
  guint                        n_columns;
  MysqlBinlogColumnDefinition *columns;
  char                        *default_charset;  /* the table's, or NULL when not known */
  /* A definition read from the server holds as of the moment it was read:
   * it is known to be the one of an event only when the table's definition
   * was last written (information_schema's CREATE_TIME, in seconds since
   * the epoch) before that event's timestamp.  0 for a definition followed
   * through the binary log, which holds where the stream is. */
  gint64                       written_at;
  gboolean                     written_at_unknown;
  /* Set with written_at_unknown when the table's engine keeps CREATE_TIME
   * through a change of its columns (MyISAM, Aria: only InnoDB renews it
   * at every ALTER TABLE and RENAME). */
  char                        *untimed_engine;
} MysqlBinlogDefinition;

MysqlBinlogDefinition *_mysql_binlog_definition_new   (guint                        n_columns);
MysqlBinlogDefinition *_mysql_binlog_definition_ref   (MysqlBinlogDefinition       *definition);
void                   _mysql_binlog_definition_unref (MysqlBinlogDefinition       *definition);
/* A deep copy, to be changed by a DDL statement. */
MysqlBinlogDefinition *_mysql_binlog_definition_copy  (const MysqlBinlogDefinition *definition);
void                   _mysql_binlog_column_definition_clear (MysqlBinlogColumnDefinition *column);
void                   _mysql_binlog_column_definition_copy  (MysqlBinlogColumnDefinition       *to,
                                                              const MysqlBinlogColumnDefinition *from);

/* The members of "enum('a','b''c')" or "set(...)", as information_schema
 * and SHOW CREATE TABLE write them, or NULL. */
char                 **_mysql_binlog_definition_parse_members  (const char *column_type);
/* The geometry type code of a spatial type name, or -1. */
gint                   _mysql_binlog_definition_geometry_type  (const char *type_name);

/* Whether @definition is the one @table's table map was written for: NULL
 * when every column's type code and metadata agree with it, otherwise
 * what disagrees (free it). */
char                  *_mysql_binlog_definition_check (const MysqlBinlogDefinition *definition,
                                                       const MysqlBinlogTable      *table);
/* Fills in what @needs names from @definition, which must have passed
 * _mysql_binlog_definition_check().  Fails with
 * MYSQL_BINLOG_ERROR_UNSUPPORTED, leaving @table as it was, when a part
 * @needs cannot be trusted (members information_schema could not give
 * exactly, fractional digits out of range). */
gboolean               _mysql_binlog_definition_apply (const MysqlBinlogDefinition *definition,
                                                       MysqlBinlogTable            *table,
                                                       MysqlBinlogTableNeeds        needs,
                                                       GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogDefinition, _mysql_binlog_definition_unref)

G_END_DECLS
