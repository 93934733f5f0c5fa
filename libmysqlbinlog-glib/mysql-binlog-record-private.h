/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-record.h"

G_BEGIN_DECLS

/* A record holding @row (a new reference). */
MysqlBinlogRecord *_mysql_binlog_record_new     (MysqlBinlogRow    *row);

/* Replaces the record's row with @row (a new reference) and notifies
 * MysqlBinlogRecord:row. */
void               _mysql_binlog_record_set_row (MysqlBinlogRecord *record,
                                                 MysqlBinlogRow    *row);

G_END_DECLS
