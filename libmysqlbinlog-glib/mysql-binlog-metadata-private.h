/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-definition-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * Table definitions as the server's information_schema has them now,
 * through a second connection of its own, for table maps that do not
 * carry them (binlog_row_metadata=MINIMAL or NO_LOG).  Cached per table;
 * the cache is dropped when a DDL statement passes.
 */

typedef struct _MysqlBinlogMetadata MysqlBinlogMetadata;

MysqlBinlogMetadata   *_mysql_binlog_metadata_new        (const MysqlBinlogConnectOptions  *options);
void                   _mysql_binlog_metadata_free       (MysqlBinlogMetadata              *metadata);
void                   _mysql_binlog_metadata_invalidate (MysqlBinlogMetadata              *metadata);
/* The definition of @schema.@name (no columns when the server has no such
 * table), with the time it was written (see MysqlBinlogDefinition), or
 * NULL with @error set when the server could not be asked. */
MysqlBinlogDefinition *_mysql_binlog_metadata_fetch      (MysqlBinlogMetadata              *metadata,
                                                          const char                       *schema,
                                                          const char                       *name,
                                                          GError                          **error);
/* The default character set of database @schema, or NULL (with @error
 * set when the server could not be asked). */
char                  *_mysql_binlog_metadata_schema_charset (MysqlBinlogMetadata          *metadata,
                                                              const char                   *schema,
                                                              GError                      **error);
/* The statements of the Query events of @file from @offset (an event's
 * start) on, at most @limit of them, as pairs of default database (or
 * NULL) and statement in @statements; *@complete tells whether they reach
 * the end of @file. */
gboolean               _mysql_binlog_metadata_statements_after (MysqlBinlogMetadata        *metadata,
                                                                const char                 *file,
                                                                guint64                     offset,
                                                                guint                       limit,
                                                                GPtrArray                 **statements,
                                                                gboolean                   *complete,
                                                                GError                    **error);
/* The names of the server's binary log files, oldest first (SHOW BINARY
 * LOGS). */
GStrv                  _mysql_binlog_metadata_binary_logs (MysqlBinlogMetadata             *metadata,
                                                           GError                         **error);
/* Where the server's binary log ends now (SHOW MASTER STATUS). */
gboolean               _mysql_binlog_metadata_end_of_log (MysqlBinlogMetadata              *metadata,
                                                          char                            **file,
                                                          guint64                          *offset,
                                                          GError                          **error);

G_END_DECLS
