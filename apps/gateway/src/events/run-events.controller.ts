import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListRunEvents, StreamRunEvents, type RunEventView } from '@shipyard/contracts';
import { TenantId } from '../auth/tenant-id.decorator';
import type { GatewayResponse } from '../http/gateway-request';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { ApiCommon, ApiUuidParam } from '../openapi/api-docs.decorators';
import { ServiceClient } from '../service-client';
import { GatewayConfig } from '../config.schema';
import { REPLAY_PAGE, RunEventFeed } from './run-event-feed';
import { RunEventStreams } from './run-event-streams';
import { RedisLiveSource } from './redis-live-source';
import { resumePoint } from './resume-point';
import { SseResponse } from './sse-response';
import { ApiRunEventStream } from './run-events.openapi';
import { StreamQueryPipe } from './stream-query.pipe';

/**
 * `GET /api/runs/:id/events`: a run's events as Server-Sent Events, replayed from PostgreSQL (through
 * project-service) and then followed live on the run's Redis stream. Holds no state beyond the open
 * connection, so a client may reconnect to any replica with Last-Event-ID.
 */
@ApiTags('runs')
@ApiCommon()
@Controller('api/runs')
export class RunEventsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly streams: RunEventStreams,
    private readonly config: GatewayConfig,
  ) {}

  @Get(':id/events')
  @ApiUuidParam('id')
  @ApiRunEventStream()
  async stream(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) runId: string,
    @Query(new StreamQueryPipe()) query: StreamRunEvents.Query,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: GatewayResponse,
  ): Promise<void> {
    const afterSeq = resumePoint(lastEventId, query.after);
    const replay = (after: number, limit: number): Promise<RunEventView[]> =>
      this.rpc
        .request<ListRunEvents.Reply>(ListRunEvents.Subject, {
          tenantId,
          runId,
          afterSeq: after,
          limit,
        } satisfies ListRunEvents.Request)
        .then((reply) => reply.items);
    // Before any byte is sent: a run that is not the tenant's is a plain 404 through the error filter.
    const firstPage = await replay(afterSeq, REPLAY_PAGE);
    const handle = this.streams.acquire();
    const live = new RedisLiveSource(
      this.config.REDIS_URL,
      this.config.REDIS_KEY_PREFIX,
      runId,
      this.config.SSE_HEARTBEAT_MS,
      handle.signal,
    );
    const sse = new SseResponse(res, this.config.SSE_HEARTBEAT_MS);
    res.once('close', () => handle.release());
    handle.signal.addEventListener('abort', () => sse.end(), { once: true });
    try {
      await new RunEventFeed({ replay, live: (after) => live.live(after) }, afterSeq).run(
        (event) => sse.send(event),
        () => sse.isOpen,
        firstPage,
      );
    } catch {
      // Headers are gone, so no error body can follow: end the stream and let the client resume with
      // Last-Event-ID, which loses nothing (the usual cause is project-service not answering in time).
    } finally {
      sse.end();
      live.close();
      handle.release();
    }
  }
}
