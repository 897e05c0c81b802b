import { Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, type PersistenceRegistry } from './data-source-options';
import { runMigrations } from './migrate';
import { closePreparedStatements } from './prepared-query';

/** Closes the prepared statements' own connections when the app stops (TypeORM closes its own). */
@Injectable()
class PreparedStatementsShutdown implements OnApplicationShutdown {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationShutdown(): Promise<void> {
    return closePreparedStatements(this.dataSource);
  }
}

/** The application's DataSource; pending migrations run before the app serves anything. */
@Module({})
export class DatabaseModule {
  static forRoot(url: string, registry: PersistenceRegistry): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          // Reachability is checked before start-up; retrying here would only delay the error.
          useFactory: () => ({ ...createDataSourceOptions(url, registry), retryAttempts: 0 }),
          dataSourceFactory: async (options) => {
            // @nestjs/typeorm always passes what useFactory answered (its type allows none).
            if (!options) throw new Error('The data source factory was given no options');
            const dataSource = await new DataSource(options).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [PreparedStatementsShutdown],
    };
  }
}
