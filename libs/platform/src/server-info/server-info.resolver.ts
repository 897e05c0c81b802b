import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Clock } from '../clock/clock';
import { Public } from '../graphql/public.decorator';
import { Permission } from '../permissions/permission.decorator';

@ObjectType({ description: 'Facts about this API server that any client may read without signing in.' })
export class ServerInfo {
  @Field({ description: 'The API version (semantic versioning).' })
  version!: string;

  @Field({ description: "The server's current time: clients on devices with a wrong clock can correct for it." })
  time!: Date;
}

export const API_VERSION = '0.1.0';

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  constructor(private readonly clock: Clock) {}

  @Public()
  @Permission('server.readInfo')
  @Query(() => ServerInfo, { description: 'Server version and time. Public.' })
  serverInfo(): ServerInfo {
    return { version: API_VERSION, time: this.clock.now() };
  }
}
