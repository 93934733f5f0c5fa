/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MBG_STATEMENT_OTHER,          /* not one the tool looks at */
  MBG_STATEMENT_BEGIN,          /* BEGIN, START TRANSACTION, XA START */
  MBG_STATEMENT_COMMIT,         /* COMMIT, ROLLBACK (the end of a transaction) */
  MBG_STATEMENT_TABLE_DDL,      /* changes the tables it names */
  MBG_STATEMENT_DATABASE_DDL,   /* CREATE, ALTER or DROP DATABASE (SCHEMA) */
} MbgStatementKind;

/* A table a DDL statement names: @schema is NULL when the statement does
 * not qualify the name and the event has no default database. */
typedef struct
{
  char *schema;
  char *table;
} MbgDdlTable;

void             mbg_ddl_table_free  (MbgDdlTable *table);

MbgStatementKind mbg_ddl_classify    (const char  *statement,
                                      const char  *default_schema,
                                      GPtrArray  **tables);

G_END_DECLS
