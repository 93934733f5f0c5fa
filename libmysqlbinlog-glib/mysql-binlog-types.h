/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(MYSQL_BINLOG_INSIDE) && !defined(MYSQL_BINLOG_COMPILATION)
#error "Only <mysqlbinlog-glib.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MysqlBinlogEvent    MysqlBinlogEvent;
typedef struct _MysqlBinlogPosition MysqlBinlogPosition;
typedef struct _MysqlBinlogRow      MysqlBinlogRow;
typedef struct _MysqlBinlogRowBatch MysqlBinlogRowBatch;
typedef struct _MysqlBinlogStream   MysqlBinlogStream;

G_END_DECLS
