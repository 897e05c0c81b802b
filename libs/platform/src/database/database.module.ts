import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, type PersistenceRegistry } from './data-source-options';
import { runMigrations } from './migrate';

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
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
