/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-error.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-file-source-private.h"
#include "mysql-binlog-payload-private.h"
#include "mysql-binlog-source-private.h"

void
_mysql_binlog_source_free (MysqlBinlogSource *source)
{
  if (source != NULL)
    source->funcs->free (source);
}

void
_mysql_binlog_source_interrupt (MysqlBinlogSource *source)
{
  if (source->funcs->interrupt != NULL)
    source->funcs->interrupt (source);
}

char *
_mysql_binlog_source_where (MysqlBinlogSource        *source,
                            const MysqlBinlogTracker *tracker)
{
  return source->funcs->where (source, tracker);
}

/* A binary log file. */

typedef struct
{
  MysqlBinlogSource parent;
  GFileInputStream *input;
  MysqlBinlogFileSource *reader;
  const MysqlBinlogTracker *tracker;
  char *where;                 /* the file's name for errors */
  guint64 start_offset;        /* > 4: the run starts at this event */
  guint64 event_offset;        /* where the event being handled starts */
} FileSource;

static MysqlBinlogReadResult
file_source_read_event (MysqlBinlogSource       *source,
                        gboolean                 checksum,
                        MysqlBinlogSourceEvent  *event,
                        GCancellable            *cancellable,
                        GError                 **error)
{
  FileSource *self = (FileSource *) source;
  guint64 offset = self->tracker->offset;
  MysqlBinlogReadResult result;

  _mysql_binlog_file_source_set_checksum (self->reader, checksum);
  result = _mysql_binlog_file_source_read_event (self->reader, &event->data, &event->length,
                                                 &offset, cancellable, error);
  switch (result)
    {
    case MYSQL_BINLOG_READ_END:
      /* The end of the file itself is a place to start from. */
      if (self->start_offset > 4 && self->start_offset != self->tracker->offset)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                       "%s: the start position's offset %" G_GUINT64_FORMAT " is past the "
                       "end of the file", self->where, self->start_offset);
          return MYSQL_BINLOG_READ_ERROR;
        }
      return MYSQL_BINLOG_READ_END;
    case MYSQL_BINLOG_READ_ERROR:
      g_prefix_error (error, "%s at offset %" G_GUINT64_FORMAT ": ", self->where, offset);
      return MYSQL_BINLOG_READ_ERROR;
    case MYSQL_BINLOG_READ_EVENT:
      break;
    }

  self->event_offset = offset;
  if (self->start_offset > 4 && offset >= self->start_offset)
    {
      if (offset != self->start_offset)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                       "%s: no event starts at the start position's offset %"
                       G_GUINT64_FORMAT, self->where, self->start_offset);
          return MYSQL_BINLOG_READ_ERROR;
        }
      self->start_offset = 0;
    }
  event->offset = offset;
  /* A large payload event comes in parts: its handler reads the rest. */
  event->in_parts = _mysql_binlog_file_source_get_rest (self->reader) > 0;
  return MYSQL_BINLOG_READ_EVENT;
}

static GBytes *
file_source_take_event (MysqlBinlogSource *source,
                        const guint8      *data,
                        gsize              length)
{
  return _mysql_binlog_file_source_take_event (((FileSource *) source)->reader, data, length);
}

static guint64
file_source_get_rest (MysqlBinlogSource *source)
{
  return _mysql_binlog_file_source_get_rest (((FileSource *) source)->reader);
}

static gssize
file_source_read_rest (MysqlBinlogSource  *source,
                       const guint8      **data,
                       GError            **error)
{
  return _mysql_binlog_file_source_read_rest (((FileSource *) source)->reader, data, error);
}

static char *
file_source_where (MysqlBinlogSource        *source,
                   const MysqlBinlogTracker *tracker)
{
  FileSource *self = (FileSource *) source;

  return g_strdup_printf ("%s at offset %" G_GUINT64_FORMAT, self->where, self->event_offset);
}

static void
file_source_free (MysqlBinlogSource *source)
{
  FileSource *self = (FileSource *) source;

  g_clear_pointer (&self->reader, _mysql_binlog_file_source_free);
  g_clear_object (&self->input);
  g_free (self->where);
  g_free (self);
}

static const MysqlBinlogSourceFuncs file_source_funcs = {
  .read_event = file_source_read_event,
  .take_event = file_source_take_event,
  .get_rest = file_source_get_rest,
  .read_rest = file_source_read_rest,
  .where = file_source_where,
  .free = file_source_free,
};

MysqlBinlogSource *
_mysql_binlog_file_source_open (GFile               *file,
                                MysqlBinlogTracker  *tracker,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(MysqlBinlogSource) source = NULL;
  FileSource *self;

  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return NULL;

  _mysql_binlog_tracker_move_to (tracker, name, 4);

  self = g_new0 (FileSource, 1);
  source = &self->parent;
  source->funcs = &file_source_funcs;
  source->flags = MYSQL_BINLOG_SOURCE_OWN_OFFSETS | MYSQL_BINLOG_SOURCE_INSPECTS |
                  MYSQL_BINLOG_SOURCE_STORED;
  source->take_threshold = MYSQL_BINLOG_FILE_TAKE_THRESHOLD;
  self->input = g_steal_pointer (&input);
  self->reader = _mysql_binlog_file_source_new (G_INPUT_STREAM (self->input));
  self->tracker = tracker;
  self->where = g_file_get_parse_name (file);

  if (!_mysql_binlog_file_source_read_magic (self->reader, cancellable, error))
    {
      g_prefix_error (error, "%s: ", self->where);
      return NULL;
    }
  if (tracker->run_start != NULL)
    {
      const char *start_file = mysql_binlog_position_get_file (tracker->run_start);

      if (start_file == NULL || g_strcmp0 (start_file, name) != 0)
        {
          g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                       "%s: the start position “%s” is not in this file: a stream that reads "
                       "a file starts at an offset of that file (%s:OFFSET)", self->where,
                       start_file != NULL ? start_file : "(a GTID set)", name);
          return NULL;
        }
      self->start_offset = mysql_binlog_position_get_offset (tracker->run_start);
      if (self->start_offset > 4)
        {
          /* What ends before the start is read again without a signal, as
           * after a reconnection. */
          tracker->emitted_file = g_strdup (name);
          tracker->emitted_offset = self->start_offset;
        }
    }
  return g_steal_pointer (&source);
}

/* The events of a transaction payload. */

typedef struct
{
  MysqlBinlogSource parent;
  MysqlBinlogPayloadReader *reader;
  MysqlBinlogSource *outer;     /* borrowed: it reads the rest of a payload in parts */
  guint64 position;
} PayloadSource;

static MysqlBinlogReadResult
payload_source_read_event (MysqlBinlogSource       *source,
                           gboolean                 checksum,
                           MysqlBinlogSourceEvent  *event,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  PayloadSource *self = (PayloadSource *) source;
  MysqlBinlogReadResult result;

  result = _mysql_binlog_payload_reader_next (self->reader, &event->data, &event->length, error);
  if (result != MYSQL_BINLOG_READ_EVENT)
    return result;
  if (event->data[4] == MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION ||
      event->data[4] == MYSQL_BINLOG_EVENT_TRANSACTION_PAYLOAD)
    {
      _mysql_binlog_set_corrupt (error, "Event of type %u inside a transaction payload",
                                 event->data[4]);
      return MYSQL_BINLOG_READ_ERROR;
    }
  event->offset = self->position;
  event->in_parts = FALSE;
  return MYSQL_BINLOG_READ_EVENT;
}

static char *
payload_source_where (MysqlBinlogSource        *source,
                      const MysqlBinlogTracker *tracker)
{
  PayloadSource *self = (PayloadSource *) source;

  return _mysql_binlog_source_where (self->outer, tracker);
}

static void
payload_source_free (MysqlBinlogSource *source)
{
  PayloadSource *self = (PayloadSource *) source;

  g_clear_pointer (&self->reader, _mysql_binlog_payload_reader_free);
  g_free (self);
}

static const MysqlBinlogSourceFuncs payload_source_funcs = {
  .read_event = payload_source_read_event,
  .where = payload_source_where,
  .free = payload_source_free,
};

/* The next part of a payload event that the outer source reads in parts. */
static gssize
read_payload_part (gpointer        user_data,
                   const guint8  **data,
                   GError        **error)
{
  MysqlBinlogSource *outer = user_data;

  return outer->funcs->read_rest (outer, data, error);
}

MysqlBinlogSource *
_mysql_binlog_payload_source_new (MysqlBinlogSource           *parent,
                                  const MysqlBinlogEventInfo  *info,
                                  guint64                      position,
                                  gboolean                     in_parts,
                                  GError                     **error)
{
  MysqlBinlogPayloadReader *reader;
  PayloadSource *self;

  if (in_parts)
    reader = _mysql_binlog_payload_reader_new_in_parts (info, parent->funcs->get_rest (parent),
                                                        read_payload_part, parent, error);
  else
    reader = _mysql_binlog_payload_reader_new (info, error);
  if (reader == NULL)
    return NULL;

  self = g_new0 (PayloadSource, 1);
  self->parent.funcs = &payload_source_funcs;
  self->parent.flags = (parent->flags & ~MYSQL_BINLOG_SOURCE_OWN_OFFSETS) |
                       MYSQL_BINLOG_SOURCE_NESTED;
  self->reader = reader;
  self->outer = parent;
  self->position = position;
  return &self->parent;
}
