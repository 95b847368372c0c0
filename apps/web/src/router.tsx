// Router: wouter (tiny), not react-router — the catalog page has a 150 KB gzipped JS budget.
// Routes. Pages other than the home page are loaded lazily (code-split) to keep the first load light.
import { Route, Switch } from 'wouter';
import { Layout } from './routes/Layout';
import { HomePage } from './routes/HomePage';
import { NotFoundPage } from './routes/NotFoundPage';

export function AppRoutes() {
  return (
    <Layout>
      <Switch>
        <Route path="/" component={HomePage} />
        <Route component={NotFoundPage} />
      </Switch>
    </Layout>
  );
}
