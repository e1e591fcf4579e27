import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { SmsPrefixGuard } from '@sitepass/auth';
import { ServiceAuth } from '@sitepass/common';
import { AuditEventRepository, CompanyAuditEvent, Page } from '@sitepass/database';
import { ApiErrors, SERVICE_TOKEN_ERRORS } from '@sitepass/http';
import { PlatformAuditPageDto, PlatformAuditQueryDto, SmsPrefixBlockListDto } from './operations.dto';

/** What operators of the platform act on, behind the service token: SMS-10's prefix blocks, and the platform's audit events. */
@ApiTags('internal operations')
@ApiBearerAuth()
@ServiceAuth()
@Controller('internal/v1')
export class InternalOperationsController {
  constructor(
    private readonly prefixGuard: SmsPrefixGuard,
    private readonly audit: AuditEventRepository,
  ) {}

  @Get('sms-prefix-blocks')
  @ApiOkResponse({ type: SmsPrefixBlockListDto, description: 'SMS-10: the destination prefixes blocked now' })
  @ApiErrors(...SERVICE_TOKEN_ERRORS)
  async listPrefixBlocks(): Promise<SmsPrefixBlockListDto> {
    return { items: await this.prefixGuard.list() };
  }

  @Delete('sms-prefix-blocks/:prefix')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'prefix', example: '+1415', description: 'As listed; the `+` may be written `%2B` or left out' })
  @ApiNoContentResponse({ description: 'SMS-10: released; the prefix’s window starts afresh, and the release is audited' })
  @ApiErrors(...SERVICE_TOKEN_ERRORS, 'not_found')
  async releasePrefixBlock(@Param('prefix') prefix: string): Promise<void> {
    await this.prefixGuard.release(prefix);
  }

  @Get('audit-events')
  @ApiOkResponse({ type: PlatformAuditPageDto, description: 'Events about the platform itself (no company, no user), newest first' })
  @ApiErrors('validation_failed', ...SERVICE_TOKEN_ERRORS)
  async listPlatformEvents(@Query() query: PlatformAuditQueryDto): Promise<Page<CompanyAuditEvent>> {
    const { total, items } = await this.audit.pagePlatform(query.type ?? null, query);
    return { items, page: query.page, pageSize: query.pageSize, total };
  }
}
