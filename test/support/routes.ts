import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '../../src/common/auth/decorators';
import { PATIENT_SCOPE, type PatientScope } from '../../src/patients/access/patient-scoped.decorator';

export interface RegisteredRoute {
  method: string;
  path: string;
  isPublic: boolean;
  permission: string | undefined;
  /** How the route names its patient(s), when it is @PatientScoped. */
  patientScope: PatientScope | undefined;
}

/** Every route the application registers, read from the controllers' metadata. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const routes: RegisteredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (subPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] as string;
      const prefix = base === 'health' ? '' : '/api/v1';
      const path = `${prefix}/${[base, subPath].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      const meta = <T>(key: string) =>
        (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, metatype) as T | undefined);
      routes.push({
        method, path, isPublic: meta<boolean>(IS_PUBLIC) === true, permission: meta<string>(REQUIRED_PERMISSION),
        patientScope: Reflect.getMetadata(PATIENT_SCOPE, handler) as PatientScope | undefined,
      });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
