/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-table-private.h"

G_BEGIN_DECLS

/*
 * Which tables a run follows: the only-schemas, ignored-schemas,
 * only-tables and ignored-tables properties of MysqlBinlogStream, their
 * glob patterns compiled once when the run starts.
 */

typedef struct _MysqlBinlogFilter MysqlBinlogFilter;

/* Each argument is a NULL-terminated array of patterns, or NULL: none.
 * A table pattern is matched part by part (see mysql-binlog-name-private.h);
 * NULL with @error set when one is not of the form schema.table. */
MysqlBinlogFilter *_mysql_binlog_filter_new   (const char * const      *only_schemas,
                                               const char * const      *ignored_schemas,
                                               const char * const      *only_tables,
                                               const char * const      *ignored_tables,
                                               GError                 **error);
void               _mysql_binlog_filter_free  (MysqlBinlogFilter       *filter);
/* Whether the rows of @table are wanted: in an only-* list when one is
 * set, and in no ignored-* list. */
gboolean           _mysql_binlog_filter_wants (const MysqlBinlogFilter *filter,
                                               const MysqlBinlogTable  *table);
gboolean           _mysql_binlog_filter_wants_name (const MysqlBinlogFilter *filter,
                                                    const char              *schema,
                                                    const char              *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogFilter, _mysql_binlog_filter_free)

G_END_DECLS
