import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@sitepass/auth';
import { phrase } from '@sitepass/i18n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids must be UUIDs: anything else is a field error, not a lookup (SEC-2). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) throw DomainError.validation([{ field: metadata.data ?? 'id', problem: phrase('validation.uuid') }]);
    return value.toLowerCase();
  }
}
