/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

G_BEGIN_DECLS

typedef struct _MbgCheckpoint MbgCheckpoint;

MbgCheckpoint       *mbg_checkpoint_new          (MysqlBinlogPositionStore *store);
void                 mbg_checkpoint_free         (MbgCheckpoint            *checkpoint);
void                 mbg_checkpoint_add          (MbgCheckpoint            *checkpoint,
                                                  MysqlBinlogPosition      *position,
                                                  guint64                   seq);
void                 mbg_checkpoint_advance      (MbgCheckpoint            *checkpoint,
                                                  guint64                   done);
gboolean             mbg_checkpoint_store        (MbgCheckpoint            *checkpoint,
                                                  gboolean                  now,
                                                  GError                  **error);
MysqlBinlogPosition *mbg_checkpoint_get_saved    (MbgCheckpoint            *checkpoint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbgCheckpoint, mbg_checkpoint_free)

G_END_DECLS
